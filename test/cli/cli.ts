// Runs the built CLI (bin/xv6-wasm.js) as a user would, with a time limit;
// runChild does the same for any program (QEMU, for one).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(fileURLToPath(import.meta.url), '../../..');
const bin = join(root, 'bin/xv6-wasm.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface ChildResult extends CliResult {
  /** Killed for running past timeoutMs. */
  timedOut: boolean;
}

export interface ChildOptions {
  /** Written to stdin, which then ends unless keepStdinOpen. */
  input?: string | Buffer;
  keepStdinOpen?: boolean;
  /** Killed with SIGKILL after this long (default 60 s). */
  timeoutMs?: number;
  /** Called once it runs, e.g. to type into it later. */
  onSpawn?: (child: ChildProcess) => void;
  /** Called with all stdout so far whenever more arrives; may write to stdin or kill. */
  onStdout?: (stdout: string, child: ChildProcess) => void;
}

/** Runs `cmd args` from the project root and collects its output. */
export function runChild(cmd: string, args: string[], opts: ChildOptions = {}): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => {
      stdout += d;
      opts.onStdout?.(stdout, child);
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.on('error', () => {});
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
    opts.onSpawn?.(child);
    if (opts.input !== undefined) child.stdin.write(opts.input);
    if (!opts.keepStdinOpen) child.stdin.end();
  });
}

/** Runs `xv6-wasm ...args` with `input` on stdin (then end of input); kills it after timeoutMs. */
export function xv6(args: string[], opts: ChildOptions = {}): Promise<ChildResult> {
  return runChild(process.execPath, [bin, ...args], opts);
}
