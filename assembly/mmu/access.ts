// The slow paths of loads and stores: TLB misses, MMIO, accesses that cross a
// page. The loop's fast path (execute/memory.ts) handles TLB hits itself.
//
// Misaligned accesses to RAM are carried out (wasm memory allows them), also
// across a page boundary, where each byte is translated. Misaligned MMIO
// accesses raise address-misaligned; misaligned LR/SC/AMO raise too
// (execute/atomic.ts), because wasm atomics need natural alignment.

import { CLINT_BASE, CLINT_SIZE, HS_MMIO_STATUS } from "../../build/gen/platform";
import { hartBlock, tlbLoad, tlbStore, tlbFetch, exitReason, STOP_HOST } from "../hart/state";
import { RAM_START, PAGEGEN, PAGEGEN_DECODED } from "../hart/layout";
import { mmioRead, mmioWrite } from "../boundary/imports";
import { translate, inRam, wasmAddr, NO_ADDR, ACC_FETCH, ACC_LOAD, ACC_STORE } from "./sv39";
import { tlbFill, tlbEntry, tlbKey, tlbTag, tlbSalt } from "./tlb";
import { pmpWholePage } from "./pmp";
import { clintRead, clintWrite } from "../clint";
import { watchStore, WATCH_NONE, WATCH_HIT } from "../execute/debug";
import { raise, excPending } from "../trap/raise";
import { CAUSE_LOAD_ACCESS, CAUSE_STORE_ACCESS, CAUSE_LOAD_MISALIGNED,
  CAUSE_STORE_MISALIGNED, CAUSE_FETCH_ACCESS } from "../trap/causes";

const CLINT_LO: u64 = CLINT_BASE;
const CLINT_HI: u64 = CLINT_BASE + CLINT_SIZE;


@inline function crossesPage(va: u64, size: u32): bool {
  return (<u32>va & 0xfff) + size > 0x1000;
}

@inline export function loadSized(a: u32, size: u32): u64 {
  if (size == 8) return load<u64>(a);
  if (size == 4) return <u64>load<u32>(a);
  if (size == 2) return <u64>load<u16>(a);
  return <u64>load<u8>(a);
}

@inline export function storeSized(a: u32, size: u32, v: u64): void {
  if (size == 8) store<u64>(a, v);
  else if (size == 4) store<u32>(a, <u32>v);
  else if (size == 2) store<u16>(a, <u16>v);
  else store<u8>(a, <u8>v);
}

/** Load `size` bytes at va, zero-extended; after a raise the value is 0. */
export function loadSlow(va: u64, size: u32): u64 {
  if (crossesPage(va, size)) {
    let v: u64 = 0;
    for (let i: u32 = 0; i < size; i++) {
      v |= loadSlow(va + i, 1) << (8 * <u64>i);
      if (excPending) return 0;
    }
    return v;
  }
  const pa = translate(va, ACC_LOAD, size);
  if (pa == NO_ADDR) return 0;
  if (inRam(pa)) return loadSized(ramLoadAddr(va, pa), size);
  if (pa < RAM_START) {
    if ((<u32>pa & (size - 1)) != 0) { raise(CAUSE_LOAD_MISALIGNED, va); return 0; }
    return mmioLoad(pa, size, va);
  }
  raise(CAUSE_LOAD_ACCESS, va);
  return 0;
}

function mmioLoad(pa: u64, size: u32, va: u64): u64 {
  if (pa >= CLINT_LO && pa < CLINT_HI) return clintRead(<u32>(pa - CLINT_LO), size);
  const status = hartBlock + <u32>HS_MMIO_STATUS;
  store<u32>(status, 0);
  let v: u64;
  if (size == 8) {
    v = <u64>mmioRead(<u32>pa, 4);
    v |= <u64>mmioRead(<u32>pa + 4, 4) << 32;
  } else {
    v = <u64>mmioRead(<u32>pa, size);
  }
  if (load<u32>(status) == 1) { raise(CAUSE_LOAD_ACCESS, va); return 0; }
  return v;
}

/** Store; returns true when the instruction must end the block (it raised,
 *  or a device asked to end the slice). */
export function storeSlow(va: u64, size: u32, v: u64): bool {
  if (crossesPage(va, size)) {
    // Check both pages first so a fault leaves memory untouched.
    if (translate(va, ACC_STORE, 1) == NO_ADDR) return true;
    if (translate(va + size - 1, ACC_STORE, 1) == NO_ADDR) return true;
    if (watchStore(va, size) == WATCH_HIT) return true;
    for (let i: u32 = 0; i < size; i++) {
      if (storeSlow(va + i, 1, v >> (8 * <u64>i))) return true;
    }
    return false;
  }
  const pa = translate(va, ACC_STORE, size);
  if (pa == NO_ADDR) return true;
  if (inRam(pa)) {
    const a = ramStoreAddr(va, pa, size);
    if (a == 0) return true;
    storeSized(a, size, v);
    return false;
  }
  if (pa < RAM_START) {
    if ((<u32>pa & (size - 1)) != 0) { raise(CAUSE_STORE_MISALIGNED, va); return true; }
    return mmioStore(pa, size, v, va);
  }
  raise(CAUSE_STORE_ACCESS, va);
  return true;
}

/** The wasm address that va hits in `tlb`, or 0 for a miss. */
@inline export function tlbHit(tlb: u32, va: u64): u32 {
  const e = tlbEntry(tlb, va, tlbSalt);
  return load<u64>(e) == tlbKey(va, tlbTag) ? <u32>(va + load<u64>(e, 8)) : 0;
}

/** The wasm address of a load's RAM translation, entered in the load TLB
 *  when PMP allows the whole page alike. */
export function ramLoadAddr(va: u64, pa: u64): u32 {
  const a = wasmAddr(pa);
  if (pmpWholePage) tlbFill(tlbLoad, va, a);
  return a;
}

/** The wasm address of a store's RAM translation (the walk has set D),
 *  entered in the store TLB unless some hart holds the page decoded, or GDB
 *  watches something in it: their stores must keep coming here. 0 when the
 *  store would touch a watched range: it must not happen (execute/debug.ts). */
export function ramStoreAddr(va: u64, pa: u64, size: u32): u32 {
  const watch = watchStore(va, size);
  if (watch == WATCH_HIT) return 0;
  const a = wasmAddr(pa);
  if (!noteCodeWrite(pa) && pmpWholePage && watch == WATCH_NONE) tlbFill(tlbStore, va, a);
  return a;
}

/** Before a write to a page that some hart holds decoded: a new generation
 *  (which also clears the decoded bit). Returns whether the page was code. */
export function noteCodeWrite(pa: u64): bool {
  const g = PAGEGEN + (<u32>((pa - RAM_START) >> 12) << 2);
  let old = atomic.load<u32>(g);
  if ((old & PAGEGEN_DECODED) == 0) return false;
  while (true) {
    const seen = atomic.cmpxchg<u32>(g, old, (old + 1) & ~PAGEGEN_DECODED);
    if (seen == old) return true;
    old = seen;
  }
}

function mmioStore(pa: u64, size: u32, v: u64, va: u64): bool {
  if (pa >= CLINT_LO && pa < CLINT_HI) {
    clintWrite(<u32>(pa - CLINT_LO), size, v);
    return false;
  }
  const status = hartBlock + <u32>HS_MMIO_STATUS;
  store<u32>(status, 0);
  let r: u32;
  if (size == 8) {
    r = mmioWrite(<u32>pa, 4, <u32>v);
    if (r != 1) {
      const high = mmioWrite(<u32>pa + 4, 4, <u32>(v >> 32));
      if (high != 0) r = high;
    }
  } else {
    r = mmioWrite(<u32>pa, size, <u32>v);
  }
  if (r == 1 || load<u32>(status) == 1) { raise(CAUSE_STORE_ACCESS, va); return true; }
  if (r == 2) { exitReason = STOP_HOST; return true; }
  return false;
}

/** After fetchPageAddr: whether every byte of the page may be executed. If
 *  not, a PMP boundary cuts it, and only the two bytes at va were checked. */
export let fetchWholePage: bool = true;

/** The wasm address of the RAM page holding instruction address va, or
 *  NO_ADDR after raising. Code runs from RAM only. */
export function fetchPageAddr(va: u64): u64 {
  fetchWholePage = true;
  const hit = tlbHit(tlbFetch, va);
  if (hit != 0) return <u64>(hit & ~0xfff);
  const pa = translate(va, ACC_FETCH, 2);
  if (pa == NO_ADDR) return NO_ADDR;
  if (!inRam(pa)) { raise(CAUSE_FETCH_ACCESS, va); return NO_ADDR; }
  const a = wasmAddr(pa);
  fetchWholePage = pmpWholePage;
  if (fetchWholePage) tlbFill(tlbFetch, va, a);
  return <u64>(a & ~0xfff);
}
