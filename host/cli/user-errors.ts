// The CLI's one rule for failures: a user's mistake is one line on stderr and
// exit 1; anything else is our bug, reported in one line with exit 70 (the
// stack only with XV6_WASM_DEBUG=1). Output is flushed before exiting.
import { CoreMissingError } from '../machine/core.js';
import { DiskError } from '../machine/disk.js';
import { ElfError } from '../machine/elf.js';
import { OptionError } from '../machine/options.js';
import { SnapshotError } from '../snapshot/format.js';

async function exitAfterFlush(code: number): Promise<never> {
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  await new Promise<void>((resolve) => process.stderr.write('', () => resolve()));
  process.exit(code);
}

/** What the CLI prints (one line, no newline) and exits with for a failure;
 *  `file` names the program for ELF errors that name no file of their own. */
export function describeFailure(file: string, e: unknown): { code: number; line: string } {
  if (e instanceof ElfError) return { code: 1, line: `xv6-wasm: ${e.file ?? file}: ${e.message}` };
  if (e instanceof OptionError || e instanceof DiskError || e instanceof CoreMissingError || e instanceof SnapshotError) {
    return { code: 1, line: `xv6-wasm: ${e.message}` };
  }
  const err = e as Error;
  return { code: 70, line: `xv6-wasm: internal error: ${err?.message ?? String(e)}` };
}

/** Runs a command's body; `file` names the program for ELF errors. */
export async function runCommandBody(file: string, body: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await body();
  } catch (e) {
    const failure = describeFailure(file, e);
    process.stderr.write(`${failure.line}\n`);
    if (failure.code === 70 && process.env.XV6_WASM_DEBUG === '1') process.stderr.write(`${(e as Error)?.stack}\n`);
    code = failure.code;
  }
  return exitAfterFlush(code);
}
