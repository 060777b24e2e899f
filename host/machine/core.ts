// The boundary of build/core.wasm (docs/ARCHITECTURE.md, "The core module"),
// as TypeScript types, plus its compilation and instantiation. Only numbers
// cross it: 64-bit values travel as lo/hi u32 pairs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../platform.js';

/** Why run() returned. */
export const enum Stop {
  /** The budget is used up: call run again. */
  Budget = 0,
  /** WFI with nothing pending: park until HS_WAKE or HS_TIMER_DEADLINE. */
  Wfi = 1,
  /** An MMIO write asked to end the slice (power-off, reset). */
  Host = 2,
  /** The hart spins on a lock another hart holds: pause the thread briefly. */
  Spin = 3,
  /** A GDB breakpoint is on the next instruction: hold (host/gdb/). */
  Break = 4,
  /** The last instruction wrote a range GDB watches: hold. */
  Watch = 5,
  /** A page is hot: translate it (jitTranslate), compile, jitInstall, run again. */
  Jit = 6,
}

export interface CoreExports {
  init(hartid: number, nharts: number, ramBytes: number): void;
  setPc(lo: number, hi: number): void;
  getPcLo(): number;
  getPcHi(): number;
  setReg(i: number, lo: number, hi: number): void;
  getRegLo(i: number): number;
  getRegHi(i: number): number;
  run(budget: number): number;
  /** One instruction for a debugger (1: take a pending interrupt instead). */
  step(interrupts: number): number;
  /** Copies the CSRs and pc to the hart's block (HSV_*), and back. */
  saveState(): void;
  loadState(): void;
  setTrace(on: number): void;
  traceInsn(): number;
  traceRd(): number;
  traceRdLo(): number;
  traceRdHi(): number;
  tracePcLo(): number;
  tracePcHi(): number;
  /** 0 off, 1 eager, 2 after `threshold` block ends in a page once `warmUp` instructions ran (host/jit/mode.ts). */
  setJit(mode: number, threshold: number, warmUp: number): void;
  /** After Stop.Jit: the module's size at jitArea(), or 0 for nothing to
   *  compile; with `withBase` 1 its region includes the one at jitBase(). */
  jitTranslate(withBase: number): number;
  jitArea(): number;
  /** The translated page's function is at this table index. */
  jitInstall(index: number): void;
  /** Where the last translation's region is, and where another build's goes (host/jit/page-regions.ts). */
  jitMarks(): number;
  jitBase(): number;
  /** The physical page asked for, + 1 (0: the request no longer stands), and its generation. */
  jitRequestPage(): number;
  jitRequestGen(): number;
  /** Instead of translating: the page's function is at this table index,
   *  built by another hart from the region at jitBase(); 0 if it will not do. */
  jitAdopt(index: number): number;
  /** Instructions retired in compiled code so far. */
  jitRetired(): number;
}

export interface CoreImports {
  mmioRead(paddr: number, size: number): number;
  mmioWrite(paddr: number, size: number, value: number): number;
  nowTicks(): number;
}

const REQUIRED: (keyof CoreExports)[] = [
  'init', 'setPc', 'getPcLo', 'getPcHi', 'setReg', 'getRegLo', 'getRegHi', 'run', 'step', 'saveState', 'loadState',
  'setTrace', 'traceInsn', 'traceRd', 'traceRdLo', 'traceRdHi', 'tracePcLo', 'tracePcHi',
  'setJit', 'jitTranslate', 'jitArea', 'jitInstall', 'jitRetired', 'jitMarks', 'jitBase', 'jitRequestPage', 'jitRequestGen',
  'jitAdopt',
];

/** XV6_WASM_CORE names another build of the core (to compare builds, or to test the host's handling of a broken one). */
const corePath = process.env.XV6_WASM_CORE || join(projectRoot, 'build/core.wasm');

/** The build is incomplete: the user's to fix, not a bug. */
export class CoreMissingError extends Error {}

export async function compileCore(): Promise<WebAssembly.Module> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(readFileSync(corePath));
  } catch {
    throw new CoreMissingError(`${corePath} is missing: run \`npm run build\` first`);
  }
  return WebAssembly.compile(bytes);
}

/** Instantiates one hart's core; a missing export fails here, loudly, not
 *  mid-run. `table` is where the core finds compiled code (host/jit/). */
export function instantiateCore(module: WebAssembly.Module, memory: WebAssembly.Memory, imports: CoreImports,
  table = new WebAssembly.Table({ element: 'anyfunc', initial: 1 })): CoreExports {
  const instance = new WebAssembly.Instance(module, {
    env: { memory, table, abort: coreAbort },
    host: { ...imports },
  });
  const exports = instance.exports as unknown as CoreExports;
  const missing = REQUIRED.filter((name) => typeof exports[name] !== 'function');
  if (missing.length) throw new Error(`build/core.wasm lacks the exports ${missing.join(', ')}`);
  return exports;
}

// AssemblyScript's runtime calls env.abort on a failed assertion; with
// --noAssert it should never happen, but if it does it is a core bug.
function coreAbort(_msg: number, _file: number, line: number, column: number): never {
  throw new Error(`core aborted at line ${line}:${column}`);
}
