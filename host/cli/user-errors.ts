// The CLI's one rule for failures: a user's mistake is one line on stderr and
// exit 1; anything else is our bug, reported in one line with exit 70 (the
// stack only with XV6_WASM_DEBUG=1). Output is flushed before exiting.
import { CoreMissingError } from '../machine/core.js';
import { DiskError } from '../machine/disk.js';
import { ElfError } from '../machine/elf.js';
import { OptionError } from '../machine/options.js';

export async function exitAfterFlush(code: number): Promise<never> {
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  await new Promise<void>((resolve) => process.stderr.write('', () => resolve()));
  process.exit(code);
}

/** Runs a command's body; `file` names the program for ELF errors. */
export async function runCommandBody(file: string, body: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await body();
  } catch (e) {
    if (e instanceof ElfError) {
      process.stderr.write(`xv6-wasm: ${file}: ${e.message}\n`);
      code = 1;
    } else if (e instanceof OptionError || e instanceof DiskError || e instanceof CoreMissingError) {
      process.stderr.write(`xv6-wasm: ${e.message}\n`);
      code = 1;
    } else {
      const err = e as Error;
      process.stderr.write(`xv6-wasm: internal error: ${err?.message ?? String(e)}\n`);
      if (process.env.XV6_WASM_DEBUG === '1') process.stderr.write(`${err?.stack}\n`);
      code = 70;
    }
  }
  return exitAfterFlush(code);
}
