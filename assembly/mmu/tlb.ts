// Three direct-mapped TLBs (fetch, load, store) of TLB_ENTRIES entries each:
//
//   entry: ┌──────────────────────┬────────────────────────────────────┐
//          │ u64 tag = va >> 12   │ u64 addend: wasm address - va      │
//          └──────────────────────┴────────────────────────────────────┘
//
// A hit costs one compare and one add. Only guest RAM is ever entered, so an
// MMIO address always misses and goes to the device. An empty tag is all
// ones, which no va >> 12 can equal.
//
// An entry holds the permission the walk checked for its access type at the
// privilege and mstatus bits of the time; anything that changes those
// flushes (satp, sfence.vma, privilege, MPRV/MPP/SUM/MXR). A store entry is
// made only for a page whose PTE is already dirty and that no hart holds
// decoded, so a hit never needs to set D or bump PAGEGEN.

import { TLB_MASK, TLB_BYTES } from "../hart/layout";
import { tlbFetch, tlbStore } from "../hart/state";

/** Set when an entry is made, so back-to-back flushes cost nothing. */
let tlbUsed: bool = true;

@inline export function tlbEntry(tlb: u32, va: u64): u32 {
  return tlb + ((<u32>(va >> 12) & TLB_MASK) << 4);
}

export function tlbFill(tlb: u32, va: u64, wasmAddr: u32): void {
  const e = tlbEntry(tlb, va);
  store<u64>(tlbFetch - 0x4000 + 0x1040 + ((tlb - tlbFetch) >> 10), load<u64>(tlbFetch - 0x4000 + 0x1040 + ((tlb - tlbFetch) >> 10)) + 1);
  store<u64>(e, va >> 12);
  store<u64>(e, <u64>(wasmAddr & ~0xfff) - (va & ~<u64>0xfff), 8);
  tlbUsed = true;
}

/** The three TLBs lie back to back from tlbFetch. */
export function tlbFlushAll(): void {
  store<u64>(tlbFetch - 0x4000 + 0x1030, load<u64>(tlbFetch - 0x4000 + 0x1030) + 1);
  if (!tlbUsed) return;
  store<u64>(tlbFetch - 0x4000 + 0x1038, load<u64>(tlbFetch - 0x4000 + 0x1038) + 1);
  memory.fill(tlbFetch, 0xff, TLB_BYTES * 3);
  tlbUsed = false;
}

export function tlbFlushStore(): void {
  store<u64>(tlbFetch - 0x4000 + 0x1028, load<u64>(tlbFetch - 0x4000 + 0x1028) + 1);
  memory.fill(tlbStore, 0xff, TLB_BYTES);
}
