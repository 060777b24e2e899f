// Taking a trap and returning from one (privileged spec, "Machine-Mode
// Privileged Instructions" and "Supervisor Trap Delegation").

import { live } from "../hart/live";
import { medeleg, mideleg, mtvec, mepc, mcause, mtval, resAddr, PRIV_M, PRIV_S, PRIV_U } from "../hart/state";
import { MSTATUS_SIE, MSTATUS_SPIE, MSTATUS_SPP, MSTATUS_MIE, MSTATUS_MPIE,
  MSTATUS_MPP, MSTATUS_MPP_SHIFT, MSTATUS_MPRV, CAUSE_INTERRUPT } from "./causes";
import { tlbSwitch } from "../mmu/tlb-context";
import { recordTraps, recordTrap } from "./record";

/** The TLBs keep each regime's entries: a trap or xRET only selects the
 *  regime of the new privilege and mstatus. */
function setPriv(p: u32): void {
  live.priv = p;
  tlbSwitch();
}

/** Enter the trap handler for `cause` raised at `epc`; returns the new pc. */
export function enterTrap(cause: u64, tval: u64, epc: u64): u64 {
  const code = cause & 63;
  const isInterrupt = (cause & CAUSE_INTERRUPT) != 0;
  const delegated = ((isInterrupt ? mideleg : medeleg) >> code) & 1;
  const from = live.priv;
  // A trap ends any LR/SC sequence (the spec allows failing the SC).
  resAddr = 0xffffffff;
  let vector: u64;
  if (live.priv <= PRIV_S && delegated != 0) {
    live.scause = cause;
    live.sepc = epc;
    live.stval = tval;
    let s = live.mstatus & ~(MSTATUS_SPIE | MSTATUS_SIE | MSTATUS_SPP);
    if ((live.mstatus & MSTATUS_SIE) != 0) s |= MSTATUS_SPIE;
    if (live.priv == PRIV_S) s |= MSTATUS_SPP;
    live.mstatus = s;
    vector = live.stvec;
    setPriv(PRIV_S);
  } else {
    mcause = cause;
    mepc = epc;
    mtval = tval;
    let s = live.mstatus & ~(MSTATUS_MPIE | MSTATUS_MIE | MSTATUS_MPP);
    if ((live.mstatus & MSTATUS_MIE) != 0) s |= MSTATUS_MPIE;
    s |= <u64>live.priv << MSTATUS_MPP_SHIFT;
    live.mstatus = s;
    vector = mtvec;
    setPriv(PRIV_M);
  }
  const base = vector & ~<u64>3;
  const target = isInterrupt && (vector & 3) == 1 ? base + 4 * code : base;
  if (recordTraps) recordTrap(cause, tval, epc, from, live.priv, target);
  return target;
}

/** MRET; the caller has checked that the hart is in M-mode. */
export function mret(): u64 {
  const mpp = <u32>((live.mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT);
  let s = live.mstatus & ~(MSTATUS_MIE | MSTATUS_MPP);
  if ((live.mstatus & MSTATUS_MPIE) != 0) s |= MSTATUS_MIE;
  s |= MSTATUS_MPIE;
  if (mpp != PRIV_M) s &= ~MSTATUS_MPRV;
  live.mstatus = s;
  setPriv(mpp);
  return mepc;
}

/** SRET; the caller has checked privilege and TSR. */
export function sret(): u64 {
  const spp = (live.mstatus & MSTATUS_SPP) != 0 ? PRIV_S : PRIV_U;
  let s = live.mstatus & ~(MSTATUS_SIE | MSTATUS_SPP | MSTATUS_MPRV);
  if ((live.mstatus & MSTATUS_SPIE) != 0) s |= MSTATUS_SIE;
  s |= MSTATUS_SPIE;
  live.mstatus = s;
  setPriv(spp);
  return live.sepc;
}
