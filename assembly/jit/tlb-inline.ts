// The TLB lookup of a compiled load or store: the one place that knows the
// entry layout of mmu/tlb.ts from the generated code's side. Keep it in step
// with tlbKey and tlbEntry there.
//
// One compare does the hit test and the page-crossing test together: the
// entry is chosen by the page of the first byte (index vpn ^ the context's
// salt), the key made from the page of the last one. An access that crosses
// into the next page looks for that page's number in an entry whose index
// it cannot have in this context (consecutive pages use different entries),
// so it misses. A miss leaves the region before the
// instruction, and the interpreter carries it out, faults included.

import * as W from "./wasm";
import { TLB_MASK } from "../hart/layout";
import { L_VA, L_E, L_HART, L_TAG, L_SALT, EXIT_INTERP, exitAt, openIf, closeIf } from "./frame";

/** With the guest address in $va: leaves the wasm address of the access on
 *  the stack, or exits at page offset `off` on a miss. `tlbOffset` is the
 *  TLB's offset in the hart block. */
export function tlbLookup(tlbOffset: u32, size: u32, off: u32): void {
  W.get(L_VA); W.i64c(12); W.op(W.I64_SHR_U); W.op(W.I32_WRAP_I64);
  W.i32c(<i32>TLB_MASK); W.op(W.I32_AND); W.i32c(4); W.op(W.I32_SHL);
  W.get(L_SALT); W.op(W.I32_XOR);
  W.get(L_HART); W.op(W.I32_ADD); W.tee(L_E);
  W.mem(W.I64_LOAD, 3, tlbOffset);
  W.get(L_VA);
  if (size > 1) { W.i64c(<i64>(size - 1)); W.op(W.I64_ADD); }
  W.i64c(12); W.op(W.I64_SHR_U); W.get(L_TAG); W.op(W.I64_OR);
  W.op(W.I64_NE);
  openIf();
  exitAt(<i64>off, EXIT_INTERP);
  closeIf();
  W.get(L_VA); W.get(L_E); W.mem(W.I64_LOAD, 3, tlbOffset + 8); W.op(W.I64_ADD); W.op(W.I32_WRAP_I64);
}
