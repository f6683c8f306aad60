/**
 * A password for `wirewatch users add|passwd`: the first line of stdin with `--password-stdin` (for
 * scripts), else asked twice at the terminal without echo. Never an argument: arguments are visible
 * to every user of the machine in the process list.
 */
import { createInterface } from 'node:readline';
import { UsageError } from './output.js';

async function firstLineOfStdin(): Promise<string> {
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  throw new UsageError('--password-stdin: stdin was empty');
}

function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    let asked = false;
    output._writeToOutput = (s: string) => {
      // The question is written once; what is typed after it is not echoed.
      if (!asked) process.stderr.write(s);
      asked = true;
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

export async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return firstLineOfStdin();
  if (!process.stdin.isTTY)
    throw new UsageError('no terminal to ask the password at: pipe it in with --password-stdin');
  const first = await askHidden('password: ');
  const again = await askHidden('again: ');
  if (first !== again) throw new UsageError('the two passwords differ');
  return first;
}
