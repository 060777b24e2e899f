// One hart thread's compiled code: the modules the core translates, compiled
// into WebAssembly functions and put in the table its core calls through.
//
// A module's bytes depend only on the guest code it holds (assembly/jit/
// module.ts), so they are their own key: the same page run by another
// process, or retranslated after its decoded slot was reused, finds its
// function again here without compiling. Modules compiled by other harts'
// threads arrive through `inbox` (the main thread relays them) and are
// instantiated here, not compiled again: a compiled Module crosses threads
// cheaply and arrives optimised. With each module comes the page it was
// built for and its region (page-regions.ts): a hart whose copy of that
// page gets hot takes that function without translating.
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { CoreExports } from '../machine/core.js';
import { PageRegions, REGION_BYTES } from './page-regions.js';

/** What the core's header holds for a page that has no compiled code. */
export const NO_CODE = 0xffffffff;

/** The most functions one thread keeps; past it, nothing more is compiled. */
const MAX_FUNCTIONS = 16384;

/** A hart built module `key` for a physical page at a generation, from
 *  `region`; `bytes` and `module` come along when it compiled them. */
export interface JitModuleMessage {
  type: 'jit-module';
  key: string;
  page: number;
  gen: number;
  region: Uint8Array;
  bytes?: Uint8Array;
  module?: WebAssembly.Module;
}

export interface JitStats {
  /** Modules this thread compiled, their bytes, and the milliseconds it took. */
  compiled: number;
  bytes: number;
  compileMs: number;
  /** Modules another thread compiled, received here. */
  shared: number;
  /** Translations whose module was compiled already (here or by another thread). */
  reused: number;
  /** Hot pages given another hart's function for them, without translating. */
  adopted: number;
}

/** What the cache asks of the core (docs/JIT.md). */
export type JitCore = Pick<CoreExports, 'jitTranslate' | 'jitArea' | 'jitInstall' | 'jitMarks' | 'jitBase'
  | 'jitRequestPage' | 'jitRequestGen' | 'jitAdopt'>;

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
  private readonly regions = new PageRegions();
  private readonly hart: WebAssembly.Global;
  private functions = 0;
  readonly stats: JitStats = { compiled: 0, bytes: 0, compileMs: 0, shared: 0, reused: 0, adopted: 0 };

  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly table: WebAssembly.Table,
    hartBlock: number,
    private readonly share: (m: JitModuleMessage) => void = () => {},
    private readonly inbox: MessagePort | null = null,
  ) {
    this.hart = new WebAssembly.Global({ value: 'i32', mutable: false }, hartBlock);
  }

  /** After Stop.Jit: a function for the core's hot page, another hart's
   *  for the same page when it can be entered where this hart asks, else
   *  one translated here (including what the other harts built). */
  build(core: JitCore): void {
    this.takeShared();
    const page = core.jitRequestPage();
    if (page === 0) return;
    const gen = core.jitRequestGen();
    const known = this.regions.get(page, gen);
    if (known) {
      const entry = this.entries.get(known.key);
      if (entry) {
        this.put(core.jitBase(), known.region);
        const index = this.instantiate(entry);
        if (index !== NO_CODE && core.jitAdopt(index) !== 0) {
          this.stats.adopted++;
          return;
        }
      }
      this.put(core.jitBase(), known.union);
    }
    const size = core.jitTranslate(known ? 1 : 0);
    if (size === 0) return;
    const region = new Uint8Array(this.memory.buffer, core.jitMarks(), REGION_BYTES).slice();
    core.jitInstall(this.install(core.jitArea(), size, page, gen, region));
  }

  private put(at: number, region: Uint8Array): void {
    new Uint8Array(this.memory.buffer, at, REGION_BYTES).set(region);
  }

  /** The table index of the function for the module at [at, at + size),
   *  built for `page` at `gen` from `region`. */
  private install(at: number, size: number, page: number, gen: number, region: Uint8Array): number {
    const bytes = new Uint8Array(this.memory.buffer, at, size).slice();
    const key = keyOf(bytes);
    let entry = this.entries.get(key);
    if (entry && !sameBytes(entry.bytes, bytes)) return NO_CODE;
    if (entry) {
      this.stats.reused++;
      this.share({ type: 'jit-module', key, page, gen, region });
    } else {
      const t0 = performance.now();
      const module = new WebAssembly.Module(bytes);
      this.stats.compileMs += performance.now() - t0;
      this.stats.compiled++;
      this.stats.bytes += size;
      entry = { bytes, module, index: 0 };
      this.entries.set(key, entry);
      this.share({ type: 'jit-module', key, page, gen, region, bytes, module });
    }
    this.regions.note(page, gen, key, region);
    return this.instantiate(entry);
  }

  private instantiate(entry: Entry): number {
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
      if (m?.type !== 'jit-module') continue;
      if (m.bytes && m.module && !this.entries.has(m.key)) {
        this.entries.set(m.key, { bytes: m.bytes, module: m.module, index: 0 });
        this.stats.shared++;
      }
      this.regions.note(m.page, m.gen, m.key, m.region);
    }
  }
}
