// Loaded with `node --import` by tests: prints the process's peak RSS (KiB) on stderr at exit.
process.on('exit', () => process.stderr.write(`\nmaxrss-kib=${process.resourceUsage().maxRSS}\n`));
