import { spawnSync } from 'node:child_process';

/**
 * Rows as Python's csv module reads them (the reader spreadsheets and scripts use), from text or a
 * file; `utf-8-sig` takes a leading byte-order mark off as a spreadsheet does.
 */
export function pythonCsv(input: { text: string } | { file: string }): string[][] {
  const script =
    'import csv, json, sys\n' +
    "f = open(sys.argv[1], newline='', encoding='utf-8-sig') if len(sys.argv) > 1 else sys.stdin\n" +
    'print(json.dumps(list(csv.reader(f))))';
  const r = spawnSync(
    '/usr/bin/python3',
    ['-c', script, ...('file' in input ? [input.file] : [])],
    {
      input: 'text' in input ? input.text : undefined,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as string[][];
}
