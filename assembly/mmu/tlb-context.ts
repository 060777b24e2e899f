// Translation contexts: which TLB entries are valid for how the hart
// translates now (privileged spec 4.1.11 "satp" and 4.2.1 "Supervisor
// Memory-Management Fence Instruction").
//
// A context is a translation regime: the privilege of fetches, the privilege
// of loads and stores (MPRV/MPP), SUM and MXR where they matter, and satp
// whole (mode, ASID and root) while anything is translated. The regimes in
// recent use keep their context numbers in a small table, so a trap, an
// xRET, a satp switch between two address spaces or a SUM toggle only look
// a number up and keep the entries of every regime:
//
//   table entry: ┌───────────────────────────┬──────────────┬──────────────┐
//                │ u64 satp (0: untranslated) │ u32 mode bits │ u32 context  │
//                └───────────────────────────┴──────────────┴──────────────┘
//
// Invalidating (SFENCE.VMA, a PMP write) forgets regimes, so they get fresh
// numbers when next used; a regime that made no entry under its number
// keeps it. Regimes that translate nothing depend on no page table and
// survive SFENCE.VMA; PMP verdicts are in every entry, so a PMP write
// forgets all regimes. A fence naming one address drops that address's
// entries in every context of the table (the others' numbers never come
// back), unless some entry holds a piece of a superpage,
// which the address may belong to.

import { live } from "../hart/live";
import { hartBlock, PRIV_M, PRIV_S } from "../hart/state";
import { OFF_TLB_CONTEXTS, TLB_CONTEXTS } from "../hart/layout";
import { MSTATUS_SUM, MSTATUS_MXR } from "../trap/causes";
import { dataPriv, SATP_MODE_SV39 } from "./sv39";
import {
  tlbUse, tlbUsed, tlbClear, tlbDropPage, tlbNoSuperpages, superpageCached, CONTEXT_EMPTY,
} from "./tlb";
import { countContext } from "../hart/counters";

const ENTRY_BYTES: u32 = 16;
const NO_CONTEXT: u32 = 0xffffffff;
const MODE_SUM: u32 = 1 << 4;
const MODE_MXR: u32 = 1 << 5;
/** ASID: satp bits 59:44. */
const ASID_SHIFT: u64 = 44;
const ASID_MASK: u64 = 0xffff;

/** The regime in force and the table slot holding it. */
let curSatp: u64 = 0;
let curMode: u32 = NO_CONTEXT;
let curSlot: u32 = 0;
let curContext: u32 = 0;
/** The next context number to hand out, and the next slot to reuse. */
let nextContext: u32 = 0;
let nextSlot: u32 = 0;

@inline function slotAddr(i: u32): u32 { return hartBlock + OFF_TLB_CONTEXTS + i * ENTRY_BYTES; }

function setSlot(i: u32, s: u64, mode: u32, context: u32): void {
  const e = slotAddr(i);
  store<u64>(e, s);
  store<u32>(e, mode, 8);
  store<u32>(e, context, 12);
}

function forgetAll(): void {
  for (let i: u32 = 0; i < TLB_CONTEXTS; i++) store<u32>(slotAddr(i), NO_CONTEXT, 12);
}

/** Give the current regime a number no entry carries. */
function renumber(): void {
  if (nextContext == CONTEXT_EMPTY) {
    tlbClear();
    forgetAll();
    nextContext = 0;
  }
  curContext = nextContext++;
  setSlot(curSlot, curSatp, curMode, curContext);
  tlbUse(curContext, true);
  countContext();
}

/** After forgetting regimes the current one was among: a fresh number if
 *  entries carry its old one, else the old one back in its slot. */
function keepCurrent(): void {
  if (tlbUsed) renumber();
  else setSlot(curSlot, curSatp, curMode, curContext);
}

/** Forget everything and start numbering again: at reset. */
export function tlbReset(): void {
  tlbClear();
  forgetAll();
  nextContext = 0;
  curMode = NO_CONTEXT;
  tlbSwitch();
}

/** After a change of privilege, mstatus or satp: the regime now in force. */
export function tlbSwitch(): void {
  const dp = dataPriv();
  const sv39 = (live.satp >> 60) == SATP_MODE_SV39;
  const dataTranslated = sv39 && dp != PRIV_M;
  let mode = live.priv | (dp << 2);
  if (dataTranslated) {
    if ((live.mstatus & MSTATUS_MXR) != 0) mode |= MODE_MXR;
    if (dp == PRIV_S && (live.mstatus & MSTATUS_SUM) != 0) mode |= MODE_SUM;
  }
  const s = dataTranslated || (sv39 && live.priv != PRIV_M) ? live.satp : 0;
  if (s == curSatp && mode == curMode) return;
  curSatp = s;
  curMode = mode;
  for (let i: u32 = 0; i < TLB_CONTEXTS; i++) {
    const e = slotAddr(i);
    const context = load<u32>(e, 12);
    if (context != NO_CONTEXT && load<u64>(e) == s && load<u32>(e, 8) == mode) {
      curSlot = i;
      curContext = context;
      tlbUse(context, false);
      return;
    }
  }
  curSlot = nextSlot;
  nextSlot = (nextSlot + 1) % TLB_CONTEXTS;
  renumber();
}

/** After a PMP change: every entry holds a verdict that may be stale. */
export function tlbFlushAll(): void {
  forgetAll();
  keepCurrent();
}

/** SFENCE.VMA: rs1 names one address (hasVa), rs2 one address space (hasAsid). */
export function tlbFence(hasVa: bool, va: u64, hasAsid: bool, asid: u64): void {
  if (hasVa && !superpageCached) {
    for (let i: u32 = 0; i < TLB_CONTEXTS; i++) {
      const context = load<u32>(slotAddr(i), 12);
      if (context != NO_CONTEXT) tlbDropPage(va, context);
    }
    return;
  }
  let dropsCurrent = false;
  for (let i: u32 = 0; i < TLB_CONTEXTS; i++) {
    const e = slotAddr(i);
    const s = load<u64>(e);
    if (load<u32>(e, 12) == NO_CONTEXT || s == 0) continue;
    if (hasAsid && ((s >> ASID_SHIFT) & ASID_MASK) != (asid & ASID_MASK)) continue;
    store<u32>(e, NO_CONTEXT, 12);
    if (i == curSlot) dropsCurrent = true;
  }
  if (!hasAsid) tlbNoSuperpages();
  if (dropsCurrent) keepCurrent();
}
