// GDB's breakpoints (Z0/Z1) and write watchpoints (Z2), published where the
// harts look (platform.json, section debug; assembly/execute/debug.ts).
// Changed only while every hart is held. Harts see a breakpoint when they
// decode its slot, so a change makes every decoded page stale; watchpoints
// need nothing more, because the harts drop their TLBs when released.
import type { MemoryViews } from '../machine/memory.js';
import { debug, wasm } from '../platform.js';

const PAGEGEN_DECODED = 0x80000000;

export interface Watch {
  lo: bigint;
  /** Exclusive. */
  hi: bigint;
}

export class DebugTables {
  private breaks: bigint[] = [];
  private watches: Watch[] = [];

  constructor(private readonly views: MemoryViews) {}

  hasBreak(va: bigint): boolean {
    return this.breaks.includes(va);
  }

  /** False when the table is full. */
  addBreak(va: bigint): boolean {
    if (this.breaks.includes(va)) return true;
    if (this.breaks.length >= debug.DBG_MAX_BREAKS) return false;
    this.breaks.push(va);
    this.publishBreaks();
    return true;
  }

  removeBreak(va: bigint): void {
    const i = this.breaks.indexOf(va);
    if (i < 0) return;
    this.breaks.splice(i, 1);
    this.publishBreaks();
  }

  addWatch(lo: bigint, len: bigint): boolean {
    if (len <= 0n) return false;
    if (this.watches.some((w) => w.lo === lo && w.hi === lo + len)) return true;
    if (this.watches.length >= debug.DBG_MAX_WATCHES) return false;
    this.watches.push({ lo, hi: lo + len });
    this.publishWatches();
    return true;
  }

  removeWatch(lo: bigint, len: bigint): void {
    const i = this.watches.findIndex((w) => w.lo === lo && w.hi === lo + len);
    if (i < 0) return;
    this.watches.splice(i, 1);
    this.publishWatches();
  }

  /** A debugger left: the machine runs on with nothing set. */
  clear(): void {
    if (this.breaks.length) {
      this.breaks = [];
      this.publishBreaks();
    }
    if (this.watches.length) {
      this.watches = [];
      this.publishWatches();
    }
  }

  get empty(): boolean {
    return this.breaks.length === 0 && this.watches.length === 0;
  }

  private publishBreaks(): void {
    const { u64, i32 } = this.views;
    const base = (wasm.CONTROL_BASE + debug.CTL_DBG_BREAKS) >> 3;
    this.breaks.forEach((va, i) => { u64[base + i] = BigInt.asUintN(64, va); });
    Atomics.store(i32, (wasm.CONTROL_BASE + debug.CTL_DBG_NBREAK) >> 2, this.breaks.length);
    staleDecodedPages(i32);
  }

  private publishWatches(): void {
    const { u64, i32 } = this.views;
    const base = (wasm.CONTROL_BASE + debug.CTL_DBG_WATCHES) >> 3;
    this.watches.forEach((w, i) => {
      u64[base + 2 * i] = BigInt.asUintN(64, w.lo);
      u64[base + 2 * i + 1] = BigInt.asUintN(64, w.hi);
    });
    Atomics.store(i32, (wasm.CONTROL_BASE + debug.CTL_DBG_NWATCH) >> 2, this.watches.length);
  }
}

/** Empties the tables (harts not started, or held): a restored snapshot
 *  must not stop at the breakpoints of a debugger no longer attached. */
export function clearDebugTables(i32: Int32Array): void {
  Atomics.store(i32, (wasm.CONTROL_BASE + debug.CTL_DBG_NBREAK) >> 2, 0);
  Atomics.store(i32, (wasm.CONTROL_BASE + debug.CTL_DBG_NWATCH) >> 2, 0);
}

/** A page's decoded slots are current only while its PAGEGEN word still
 *  carries the decoded mark it was stamped with (docs/ARCHITECTURE.md), so
 *  moving every marked word on makes every hart decode afresh. */
function staleDecodedPages(i32: Int32Array): void {
  const first = wasm.PAGEGEN_BASE >> 2;
  const words = wasm.PAGEGEN_SIZE >> 2;
  for (let i = first; i < first + words; i++) {
    if ((i32[i] & PAGEGEN_DECODED) !== 0) Atomics.add(i32, i, 1);
  }
}
