// Where the interpreter is, shared by the fast loop (execute/fast.ts), the
// slow steps (execute/slow.ts) and the driver (execute/loop.ts). The fast
// loop keeps these in locals and writes them back when it hands over.
//
// The pc is never kept while running: it is the page's pc plus the distance
// of the current decoded slot from the page's first slot, >> SLOT_SHIFT. At the FETCH slot it is `fetchPc`.

import { fetchSlot } from "../hart/state";
import { SLOT_SHIFT } from "../hart/layout";

/** The decoded slot to run next. */
export let curP: u32 = 0;
/** Instructions retired in this run() call. */
export let curN: u32 = 0;
/** The current page's first decoded slot, and its guest virtual address.
 *  A jump may stay in the page when its target's page equals curPcBase. */
export let curBase: u32 = 0;
export let curPcBase: u64 = 0;
/** Where the FETCH slot takes the loop. */
export let fetchPc: u64 = 0;

/** Run the scratch slot as the instruction at `pc`. Its base and pcBase are
 *  both moved back by one (one pc byte, one slot), which leaves every derived
 *  pc right but makes pcBase no page address, so no jump counts as near. */
export function enterScratch(scratch: u32, pc: u64): void {
  curP = scratch;
  curBase = scratch - ((<u32>pc & 0xfff) << SLOT_SHIFT) - (1 << SLOT_SHIFT);
  curPcBase = (pc & ~<u64>0xfff) - 1;
}

@inline export function slotPc(p: u32, base: u32, pcBase: u64): u64 {
  return pcBase + <u64>((p - base) >> SLOT_SHIFT);
}

export function cursorPc(): u64 {
  return curP == fetchSlot ? fetchPc : slotPc(curP, curBase, curPcBase);
}

/** Continue at `target` through the FETCH slot. */
export function jumpVia(target: u64): void {
  fetchPc = target;
  curP = fetchSlot;
}
