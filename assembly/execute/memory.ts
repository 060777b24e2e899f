// Loads and stores as the loop runs them: a TLB hit is one compare, one add
// and the access; everything else goes to mmu/access.ts.

import { rdOff, rs1Off, rs2Off } from "../decode/ops";
import { tlbEntry } from "../mmu/tlb";
import { loadSlow, storeSlow, loadSized, storeSized } from "../mmu/access";
import { excPending } from "../trap/raise";

/** The wasm address for a hit that stays inside the page, else 0 (never a
 *  RAM address). */
@inline function tlbHit(tlb: u32, va: u64, size: u32): u32 {
  const e = tlbEntry(tlb, va);
  if (load<u64>(e) == va >> 12 && (<u32>va & 0xfff) <= 0x1000 - size) return <u32>(va + load<u64>(e, 8));
  return 0;
}

@inline function extend(v: u64, size: u32, signed: bool): u64 {
  if (!signed || size == 8) return v;
  if (size == 4) return <u64><i64><i32><u32>v;
  if (size == 2) return <u64><i64><i16><u16>v;
  return <u64><i64><i8><u8>v;
}

/** rd = memory[rs1 + imm]; false after raising. */
@inline export function execLoad(R: u32, w: u32, imm: i32, tlb: u32, size: u32, signed: bool): bool {
  const va = load<u64>(R + rs1Off(w)) + <u64><i64>imm;
  const a = tlbHit(tlb, va, size);
  let v: u64;
  if (a != 0) {
    v = loadSized(a, size);
  } else {
    v = loadSlow(va, size);
    if (excPending) return false;
  }
  store<u64>(R + rdOff(w), extend(v, size, signed));
  return true;
}

/** memory[rs1 + imm] = rs2; false when the block must end (raised, or a
 *  device ended the slice). */
@inline export function execStore(R: u32, w: u32, imm: i32, tlb: u32, size: u32): bool {
  const va = load<u64>(R + rs1Off(w)) + <u64><i64>imm;
  const v = load<u64>(R + rs2Off(w));
  const a = tlbHit(tlb, va, size);
  if (a != 0) {
    storeSized(a, size, v);
    return true;
  }
  return !storeSlow(va, size, v);
}
