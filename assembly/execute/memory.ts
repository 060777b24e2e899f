// The TLB hit test of the fast loop's loads and stores: one compare and one
// add. Everything else (misses, MMIO, page-crossing accesses) is a slow step.

import { slotRs1, slotImm } from "../decode/ops";
import { tlbKey, tlbEntry } from "../mmu/tlb";

/** The wasm address that `size` bytes at rs1 + imm hit in `tlb` (current
 *  context `tag`, `salt`), or 0 for a
 *  miss or an access that leaves the page (0 is never guest RAM). */
@inline export function tlbAddr(R: u32, p: u32, tlb: u32, size: u32, tag: u64, salt: u32): u32 {
  const va = load<u64>(R + slotRs1(p)) + <u64><i64>slotImm(p);
  const e = tlbEntry(tlb, va, salt);
  if (load<u64>(e) == tlbKey(va, tag) && (<u32>va & 0xfff) <= 0x1000 - size) return <u32>(va + load<u64>(e, 8));
  return 0;
}
