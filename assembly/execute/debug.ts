// GDB's breakpoints and watchpoints (the stub is host/gdb/). The host writes
// the tables (platform.json, section debug) only while every hart is held,
// and then makes every decoded page stale, so nothing here runs per
// instruction: a breakpoint is looked up when a slot is decoded and becomes
// a BREAK slot that stops the slice before the instruction runs; a watched
// page never gets a store TLB entry, so its stores reach the slow path,
// which compares them with the watched ranges and stops before a store into
// one, as RISC-V's debug triggers do: GDB expects that on RISC-V (it steps
// the store itself, then compares the values). With both tables empty this
// costs one load per decoded slot and per slow store.

import { CONTROL_BASE, CTL_DBG_NBREAK, CTL_DBG_NWATCH, CTL_DBG_BREAKS, CTL_DBG_WATCHES, HS_DEBUG_ADDR }
  from "../../build/gen/platform";
import { hartBlock, exitReason, STOP_WATCH } from "../hart/state";

const NBREAK: u32 = <u32>(CONTROL_BASE + CTL_DBG_NBREAK);
const NWATCH: u32 = <u32>(CONTROL_BASE + CTL_DBG_NWATCH);
const BREAKS: u32 = <u32>(CONTROL_BASE + CTL_DBG_BREAKS);
const WATCHES: u32 = <u32>(CONTROL_BASE + CTL_DBG_WATCHES);

/** Whether GDB has any breakpoint: then the JIT decodes no slot itself
 *  (jit/enter.ts), so every slot it compiles went through breakAt. */
export function anyBreakpoints(): bool {
  return atomic.load<u32>(NBREAK) != 0;
}

/** Whether GDB has a breakpoint on the instruction at va. */
export function breakAt(va: u64): bool {
  const n = atomic.load<u32>(NBREAK);
  for (let i: u32 = 0; i < n; i++) {
    if (load<u64>(BREAKS + (i << 3)) == va) return true;
  }
  return false;
}

/** watchStore: nothing watched in the page. */
export const WATCH_NONE: u32 = 0;
/** Something in the page is watched: no store TLB entry for it. */
export const WATCH_PAGE: u32 = 1;
/** The store touches a watched range: it must not happen, and the slice
 *  ends with the pc on it (STOP_WATCH). */
export const WATCH_HIT: u32 = 2;

/** What a store of `size` bytes at va meets. */
export function watchStore(va: u64, size: u32): u32 {
  const n = atomic.load<u32>(NWATCH);
  if (n == 0) return WATCH_NONE;
  const page = va & ~<u64>0xfff;
  let seen = WATCH_NONE;
  for (let i: u32 = 0; i < n; i++) {
    const lo = load<u64>(WATCHES + (i << 4));
    const hi = load<u64>(WATCHES + (i << 4), 8);
    if (lo < va + <u64>size && hi > va) {
      exitReason = STOP_WATCH;
      store<u64>(hartBlock + <u32>HS_DEBUG_ADDR, va > lo ? va : lo);
      return WATCH_HIT;
    }
    if (lo < page + 0x1000 && hi > page) seen = WATCH_PAGE;
  }
  return seen;
}
