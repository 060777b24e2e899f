// --jit: whether hot guest code is compiled to WebAssembly (docs/JIT.md).
// `off` interprets everything; `eager` compiles every page at its first
// block end (for testing the compiler: all the code goes through it);
// `on` compiles a page once it is hot. XV6_JIT sets the default, so a whole
// test suite can run in one mode.
import { OptionError } from '../machine/options.js';

export type JitMode = 'off' | 'eager' | 'on';

export const JIT_MODES: JitMode[] = ['off', 'eager', 'on'];
export const DEFAULT_JIT: JitMode = 'on';

/** Block ends in a page before `on` compiles it (at least one in 333
 *  instructions on average: assembly/jit/enter.ts), and instructions a
 *  hart runs before `on` compiles anything (a boot is over by then);
 *  XV6_JIT_THRESHOLD and XV6_JIT_WARMUP change them (tests make `on`
 *  compile early). A hot loop gets there within a millisecond or two; the
 *  kernel pages of an exec or an sbrk do not, and compiling them cost more
 *  than the whole bench workload that ran them. */
export const HOT_THRESHOLD = 100_000;
export const WARM_UP = 12_000_000;

function fromEnv(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return process.env[name] !== undefined && Number.isInteger(n) && n >= 0 ? n : fallback;
}

export function parseJitMode(text: string): JitMode {
  if ((JIT_MODES as string[]).includes(text)) return text as JitMode;
  throw new OptionError(`--jit must be off, eager or on, not '${text}'`);
}

/** The mode when no --jit is given: XV6_JIT, else the default. */
export function defaultJitMode(): JitMode {
  const env = process.env.XV6_JIT;
  return env ? parseJitMode(env) : DEFAULT_JIT;
}

/** The core's setJit arguments for a mode. */
export function coreJitArgs(mode: JitMode): [number, number, number] {
  if (mode === 'off') return [0, 0, 0];
  if (mode === 'eager') return [1, 0, 0];
  return [2, fromEnv('XV6_JIT_THRESHOLD', HOT_THRESHOLD), fromEnv('XV6_JIT_WARMUP', WARM_UP)];
}
