// Runs the CLI's main() inside the test process, for the many cases that
// check what a command says and the status it ends with rather than how the
// process starts or stops: a new Node for each cost more than the command.
// The CLI ends through process.exit (or process.exitCode), so both are taken
// over for the call, with stdout, stderr and the console. An exception that escapes
// main() is rethrown: in a real process it would be a stack trace.
import { format } from 'node:util';
import { vi } from 'vitest';
import { main } from '../../host/cli/main.js';
import type { CliResult } from './cli.js';

class Exited extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

type WriteArgs = [chunk: string | Uint8Array, encodingOrDone?: unknown, done?: unknown];

/** Appends what is written to `sink` and calls the writer's callback, as a stream would. */
function captureInto(sink: (text: string) => void) {
  return (...[chunk, encodingOrDone, done]: WriteArgs): boolean => {
    sink(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
    const callback = typeof encodingOrDone === 'function' ? encodingOrDone : done;
    if (typeof callback === 'function') queueMicrotask(() => callback());
    return true;
  };
}

/** `xv6-wasm ...args` without a process of its own; no stdin. */
export async function xv6InProcess(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(captureInto((t) => (stdout += t)) as typeof process.stdout.write),
    vi.spyOn(process.stderr, 'write').mockImplementation(captureInto((t) => (stderr += t)) as typeof process.stderr.write),
    // Vitest routes console output to its reporter, not to the streams.
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { stdout += `${format(...a)}\n`; }),
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { stderr += `${format(...a)}\n`; }),
    vi.spyOn(process, 'exit').mockImplementation((code?: string | number | null) => { throw new Exited(Number(code ?? 0)); }),
  ];
  const before = process.exitCode;
  try {
    await main([process.execPath, 'xv6-wasm', ...args]);
    return { code: Number(process.exitCode ?? 0), signal: null, stdout, stderr };
  } catch (e) {
    if (e instanceof Exited) return { code: e.code, signal: null, stdout, stderr };
    throw e;
  } finally {
    for (const s of spies) s.mockRestore();
    process.exitCode = before;
  }
}
