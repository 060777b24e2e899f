// Three direct-mapped TLBs (fetch, load, store) of TLB_ENTRIES entries each:
//
//   entry: ┌──────────────────────────────────────┬────────────────────────────────┐
//          │ u64 tag = generation << 52 | va >> 12 │ u64 addend: wasm address - va  │
//          └──────────────────────────────────────┴────────────────────────────────┘
//
// A hit costs one compare and one add. Only guest RAM is ever entered, so an
// MMIO address always misses and goes to the device.
//
// Flushing bumps the generation instead of clearing the entries: xv6 changes
// satp, privilege and runs sfence.vma several times per system call, and
// clearing 3 x 8 KiB each time cost more than the rest of the trap. va >> 12
// has at most 52 bits, so the generation (12 bits) sits above it. Only when
// it wraps are the entries cleared for real. An empty tag is all ones, the
// one generation never used, so it matches nothing.
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

const GEN_SHIFT: u64 = 52;
/** The generation whose tags are all ones: never current. */
const GEN_EMPTY: u64 = 0xfff;

/** The current generation, in place: what every live tag has above its vpn. */
export let tlbTag: u64 = 0;

/** The tag va has in the current generation. */
@inline export function tlbKey(va: u64, tag: u64): u64 {
  return (va >> 12) | tag;
}

@inline export function tlbEntry(tlb: u32, va: u64): u32 {
  return tlb + ((<u32>(va >> 12) & TLB_MASK) << 4);
}

export function tlbFill(tlb: u32, va: u64, wasmAddr: u32): void {
  const e = tlbEntry(tlb, va);
  store<u64>(e, tlbKey(va, tlbTag));
  store<u64>(e, <u64>(wasmAddr & ~0xfff) - (va & ~<u64>0xfff), 8);
  tlbUsed = true;
}

/** The three TLBs lie back to back from tlbFetch. */
export function tlbFlushAll(): void {
  if (!tlbUsed) return;
  const gen = (tlbTag >> GEN_SHIFT) + 1;
  if (gen == GEN_EMPTY) tlbReset();
  else tlbTag = gen << GEN_SHIFT;
  tlbUsed = false;
}

/** Clear every entry for real and start again at generation 0. */
export function tlbReset(): void {
  memory.fill(tlbFetch, 0xff, TLB_BYTES * 3);
  tlbTag = 0;
  tlbUsed = false;
}

export function tlbFlushStore(): void {
  memory.fill(tlbStore, 0xff, TLB_BYTES);
}
