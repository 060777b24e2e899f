// One hart thread's compiled code: the modules the core translates, compiled
// into WebAssembly functions and put in the table its core calls through.
//
// A module's bytes depend only on the guest code it holds (assembly/jit/
// module.ts), so they are their own key: the same page run by another
// process, or retranslated after its decoded slot was reused, finds its
// function again here without compiling. Modules compiled by other harts'
// threads arrive through `inbox` (the main thread relays them) and are
// instantiated here, not compiled again: a compiled Module crosses threads
// cheaply and arrives optimised.
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

/** What the core's header holds for a page that has no compiled code. */
export const NO_CODE = 0xffffffff;

/** The most functions one thread keeps; past it, nothing more is compiled. */
const MAX_FUNCTIONS = 16384;

export interface JitModuleMessage {
  type: 'jit-module';
  key: string;
  bytes: Uint8Array;
  module: WebAssembly.Module;
}

export interface JitStats {
  /** Modules this thread compiled, their bytes, and the milliseconds it took. */
  compiled: number;
  bytes: number;
  compileMs: number;
  /** Modules another thread compiled, instantiated here. */
  shared: number;
}

interface Entry {
  bytes: Uint8Array;
  module: WebAssembly.Module;
  /** Table index of this thread's instance, 0 until instantiated. */
  index: number;
}

/** FNV-1a over the bytes, twice with different seeds, as a string key. */
function keyOf(bytes: Uint8Array): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ bytes.length;
  for (let i = 0; i < bytes.length; i++) {
    a = Math.imul(a ^ bytes[i], 0x01000193);
    b = Math.imul(b ^ bytes[i], 0x5bd1e995);
  }
  return `${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}.${bytes.length}`;
}

function sameBytes(x: Uint8Array, y: Uint8Array): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

export class JitCache {
  private readonly entries = new Map<string, Entry>();
  private readonly hart: WebAssembly.Global;
  private functions = 0;
  readonly stats: JitStats = { compiled: 0, bytes: 0, compileMs: 0, shared: 0 };

  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly table: WebAssembly.Table,
    hartBlock: number,
    private readonly share: (m: JitModuleMessage) => void = () => {},
    private readonly inbox: MessagePort | null = null,
  ) {
    this.hart = new WebAssembly.Global({ value: 'i32', mutable: false }, hartBlock);
  }

  /** The table index of the function for the module at [at, at + size). */
  install(at: number, size: number): number {
    const bytes = new Uint8Array(this.memory.buffer, at, size).slice();
    this.takeShared();
    const key = keyOf(bytes);
    let entry = this.entries.get(key);
    if (entry && !sameBytes(entry.bytes, bytes)) return NO_CODE;
    if (!entry) {
      const t0 = performance.now();
      const module = new WebAssembly.Module(bytes);
      this.stats.compileMs += performance.now() - t0;
      this.stats.compiled++;
      this.stats.bytes += size;
      entry = { bytes, module, index: 0 };
      this.entries.set(key, entry);
      this.share({ type: 'jit-module', key, bytes, module });
    }
    if (entry.index === 0) {
      if (this.functions >= MAX_FUNCTIONS) return NO_CODE;
      const instance = new WebAssembly.Instance(entry.module, { env: { memory: this.memory, hart: this.hart } });
      const index = this.table.length;
      this.table.grow(1);
      this.table.set(index, instance.exports.run);
      this.functions++;
      entry.index = index;
    }
    return entry.index;
  }

  /** Modules other threads compiled since the last look. */
  private takeShared(): void {
    if (!this.inbox) return;
    for (;;) {
      const got = receiveMessageOnPort(this.inbox);
      if (!got) return;
      const m = got.message as JitModuleMessage;
      if (m?.type !== 'jit-module' || this.entries.has(m.key)) continue;
      this.entries.set(m.key, { bytes: m.bytes, module: m.module, index: 0 });
      this.stats.shared++;
    }
  }
}
