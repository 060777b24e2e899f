// Sv39 address translation (privileged spec, "Sv39: Page-Based 39-bit
// Virtual-Memory System").
//
//   va:  63      39 38    30 29    21 20    12 11         0
//       ┌──────────┬────────┬────────┬────────┬────────────┐
//       │ = bit 38 │ VPN[2] │ VPN[1] │ VPN[0] │ offset     │
//       └──────────┴────────┴────────┴────────┴────────────┘
//   pte: 63  54 53          10 9  8 7 6 5 4 3 2 1 0
//       ┌──────┬──────────────┬────┬─┬─┬─┬─┬─┬─┬─┬─┐
//       │ 0    │ PPN (44 bit) │RSW │D│A│G│U│X│W│R│V│
//       └──────┴──────────────┴────┴─┴─┴─┴─┴─┴─┴─┴─┘
//
// A and D are set by the walk (as QEMU 7.2 does), with a compare-exchange on
// the PTE so that a concurrent change by another hart is not overwritten: on
// a lost race the walk starts again. PTE bits 63:54 (Svpbmt, Svnapot) are
// reserved here and fault.
//
// Every physical address a translation yields, and every PTE the walk reads
// or updates, passes the PMP check (mmu/pmp.ts); the walk's own accesses are
// checked as S-mode ones (privileged spec 3.7.2, "Physical Memory Protection
// and Paging"), and a failure is an access fault of the original access type.

import { live } from "../hart/live";
import { PRIV_M, PRIV_S, PRIV_U, ramEnd } from "../hart/state";
import { GUEST_RAM, RAM_START } from "../hart/layout";
import { MSTATUS_MPRV, MSTATUS_MPP, MSTATUS_MPP_SHIFT, MSTATUS_SUM, MSTATUS_MXR,
  CAUSE_FETCH_PAGE, CAUSE_LOAD_PAGE, CAUSE_STORE_PAGE,
  CAUSE_FETCH_ACCESS, CAUSE_LOAD_ACCESS, CAUSE_STORE_ACCESS } from "../trap/causes";
import { raise } from "../trap/raise";
import { pmpAllows, PMP_R, PMP_W, PMP_X } from "./pmp";
import { countWalk } from "../hart/counters";

export const ACC_FETCH: u32 = 0;
export const ACC_LOAD: u32 = 1;
export const ACC_STORE: u32 = 2;

/** Returned instead of a physical address when the access raised. */
export const NO_ADDR: u64 = <u64>-1;

const PTE_V: u64 = 1 << 0;
const PTE_R: u64 = 1 << 1;
const PTE_W: u64 = 1 << 2;
const PTE_X: u64 = 1 << 3;
const PTE_U: u64 = 1 << 4;
const PTE_A: u64 = 1 << 6;
const PTE_D: u64 = 1 << 7;
const PPN_MASK: u64 = (<u64>1 << 44) - 1;
export const SATP_MODE_SV39: u64 = 8;

@inline export function inRam(pa: u64): bool {
  return pa >= RAM_START && pa < ramEnd;
}

@inline export function wasmAddr(pa: u64): u32 {
  return GUEST_RAM + <u32>(pa - RAM_START);
}

/** The privilege that loads and stores are checked at (mstatus.MPRV). */
@inline export function dataPriv(): u32 {
  if (live.priv == PRIV_M && (live.mstatus & MSTATUS_MPRV) != 0) return <u32>((live.mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT);
  return live.priv;
}

export function pageFaultCause(acc: u32): u64 {
  return acc == ACC_FETCH ? CAUSE_FETCH_PAGE : acc == ACC_LOAD ? CAUSE_LOAD_PAGE : CAUSE_STORE_PAGE;
}

export function accessFaultCause(acc: u32): u64 {
  return acc == ACC_FETCH ? CAUSE_FETCH_ACCESS : acc == ACC_LOAD ? CAUSE_LOAD_ACCESS : CAUSE_STORE_ACCESS;
}

/** The PMP permission an access type needs. */
@inline function pmpNeed(acc: u32): u32 {
  return acc == ACC_FETCH ? PMP_X : acc == ACC_LOAD ? PMP_R : PMP_W;
}

/** After translate: whether the leaf was a superpage, of which a TLB entry
 *  holds only one 4 KiB piece. */
export let walkedSuperpage: bool = false;

/** Virtual to physical for `size` bytes at va (within one page), or NO_ADDR
 *  after raising the page or access fault. pmpWholePage then says whether a
 *  TLB entry may hold the page. */
export function translate(va: u64, acc: u32, size: u32): u64 {
  walkedSuperpage = false;
  const p = acc == ACC_FETCH ? live.priv : dataPriv();
  const pa = (p == PRIV_M || (live.satp >> 60) != SATP_MODE_SV39) ? va : walk(va, acc, p);
  if (pa == NO_ADDR) return NO_ADDR;
  if (!pmpAllows(pa, size, pmpNeed(acc), p)) return fail(accessFaultCause(acc), va);
  return pa;
}

function walk(va: u64, acc: u32, p: u32): u64 {
  countWalk();
  if (<u64>((<i64>va << 25) >> 25) != va) return fail(pageFaultCause(acc), va);
  while (true) {
    let table = (live.satp & PPN_MASK) << 12;
    for (let level: i32 = 2; level >= 0; level--) {
      const pteAddr = table + (((va >> (12 + 9 * <u64>level)) & 511) << 3);
      if (!inRam(pteAddr) || !pmpAllows(pteAddr, 8, PMP_R, PRIV_S)) return fail(accessFaultCause(acc), va);
      const at = wasmAddr(pteAddr);
      const pte = atomic.load<u64>(at);
      if ((pte & PTE_V) == 0 || (pte & (PTE_R | PTE_W)) == PTE_W || (pte >> 54) != 0) {
        return fail(pageFaultCause(acc), va);
      }
      const ppn = (pte >> 10) & PPN_MASK;
      if ((pte & (PTE_R | PTE_X)) == 0) {
        if (level == 0) return fail(pageFaultCause(acc), va);
        table = ppn << 12;
        continue;
      }
      const levelBits = 12 + 9 * <u64>level;
      if ((ppn & ((<u64>1 << (levelBits - 12)) - 1)) != 0) return fail(pageFaultCause(acc), va);
      if (!permitted(pte, acc, p)) return fail(pageFaultCause(acc), va);
      const need = acc == ACC_STORE ? PTE_A | PTE_D : PTE_A;
      if ((pte & need) != need) {
        if (!pmpAllows(pteAddr, 8, PMP_W, PRIV_S)) return fail(accessFaultCause(acc), va);
        if (atomic.cmpxchg<u64>(at, pte, pte | need) != pte) break; // raced: walk again
      }
      walkedSuperpage = level > 0;
      return (ppn << 12) | (va & ((<u64>1 << levelBits) - 1));
    }
  }
}

function permitted(pte: u64, acc: u32, p: u32): bool {
  if (p == PRIV_U) {
    if ((pte & PTE_U) == 0) return false;
  } else if ((pte & PTE_U) != 0) {
    // S may touch user pages only with SUM, and never execute them.
    if (acc == ACC_FETCH || (live.mstatus & MSTATUS_SUM) == 0) return false;
  }
  if (acc == ACC_FETCH) return (pte & PTE_X) != 0;
  if (acc == ACC_STORE) return (pte & PTE_W) != 0;
  return (pte & PTE_R) != 0 || ((live.mstatus & MSTATUS_MXR) != 0 && (pte & PTE_X) != 0);
}

function fail(cause: u64, va: u64): u64 {
  raise(cause, va);
  return NO_ADDR;
}
