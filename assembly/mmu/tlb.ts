// Three direct-mapped TLBs (fetch, load, store) of TLB_ENTRIES entries each:
//
//   entry: ┌──────────────────────────────────────┬────────────────────────────────┐
//          │ u64 tag = context << 52 | va >> 12    │ u64 addend: wasm address - va  │
//          └──────────────────────────────────────┴────────────────────────────────┘
//
// A hit costs one compare and one add. Only guest RAM is ever entered, so an
// MMIO address always misses and goes to the device.
//
// The context number above the vpn names the translation regime the entry
// was made in (privilege, satp, MPRV/SUM/MXR: mmu/tlb-context.ts), so
// entries of the kernel and of each process live side by side and survive
// traps and returns. va >> 12 has at most 52 bits, so the 12-bit context sits
// above it. Invalidating a regime gives it a fresh number instead of clearing
// entries; only when the numbers run out are the entries cleared for real.
// An empty tag is all ones, the one number never handed out, so it matches
// nothing.
//
// Each context also spreads its entries differently over the table (the
// index is the vpn xor a salt of the context): a process's low pages and the
// kernel's, or the trampoline page under two satps, would otherwise take
// the same entry and evict each other at every trap.
//
// A store entry is made only for a page whose PTE is already dirty and that
// no hart holds decoded, so a hit never needs to set D or bump PAGEGEN.

import { TLB_MASK, TLB_BITS, TLB_BYTES } from "../hart/layout";
import { tlbFetch, tlbLoad, tlbStore } from "../hart/state";
import { walkedSuperpage } from "./sv39";

export const CONTEXT_SHIFT: u64 = 52;
/** The context number whose tags are all ones: never handed out. */
export const CONTEXT_EMPTY: u32 = 0xfff;

/** The current context in place: what every live tag has above its vpn. */
export let tlbTag: u64 = 0;
/** The current context's salt, in entry bytes (saltOf). */
export let tlbSalt: u32 = 0;
/** Whether an entry may have been made under tlbTag since it was handed out. */
export let tlbUsed: bool = false;
/** Whether some entry holds a piece of a superpage, which a fence of one
 *  address must drop whole. */
export let superpageCached: bool = false;

/** The tag va has in the current context. */
@inline export function tlbKey(va: u64, tag: u64): u64 {
  return (va >> 12) | tag;
}

/** Where context `salt` keeps va's entry in `tlb`. */
@inline export function tlbEntry(tlb: u32, va: u64, salt: u32): u32 {
  return tlb + (((<u32>(va >> 12) & TLB_MASK) << 4) ^ salt);
}

/** A context's salt: its number hashed (Fibonacci) to an entry index, in bytes. */
@inline function saltOf(context: u32): u32 {
  return ((context * 0x9e3779b1) >>> (32 - TLB_BITS)) << 4;
}

export function tlbFill(tlb: u32, va: u64, wasmAddr: u32): void {
  const e = tlbEntry(tlb, va, tlbSalt);
  store<u64>(e, tlbKey(va, tlbTag));
  store<u64>(e, <u64>(wasmAddr & ~0xfff) - (va & ~<u64>0xfff), 8);
  tlbUsed = true;
  if (walkedSuperpage) superpageCached = true;
}

/** Make `context` current; `fresh` says no entry carries it yet. */
export function tlbUse(context: u32, fresh: bool): void {
  tlbTag = <u64>context << CONTEXT_SHIFT;
  tlbSalt = saltOf(context);
  tlbUsed = !fresh;
}

/** Clear every entry of the three TLBs (which lie back to back) for real. */
export function tlbClear(): void {
  memory.fill(tlbFetch, 0xff, TLB_BYTES * 3);
  superpageCached = false;
}

/** Drop whatever the three TLBs hold for va's page in `context`. */
export function tlbDropPage(va: u64, context: u32): void {
  const salt = saltOf(context);
  const key = tlbKey(va, <u64>context << CONTEXT_SHIFT);
  dropEntry(tlbEntry(tlbFetch, va, salt), key);
  dropEntry(tlbEntry(tlbLoad, va, salt), key);
  dropEntry(tlbEntry(tlbStore, va, salt), key);
}

@inline function dropEntry(e: u32, key: u64): void {
  if (load<u64>(e) == key) store<u64>(e, <u64>-1);
}

/** After a fence that dropped every translated context. */
export function tlbNoSuperpages(): void {
  superpageCached = false;
}

export function tlbFlushStore(): void {
  memory.fill(tlbStore, 0xff, TLB_BYTES);
}
