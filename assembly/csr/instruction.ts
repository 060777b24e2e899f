// The Zicsr instructions: access checks, then read-modify-write.

import { live } from "../hart/live";
import * as C from "./numbers";
import { csrRead, csrWrite, csrMissing } from "./registers";
import { Op, opOf, rdIndex, rs1Index } from "../decode/ops";
import { regs, mcounteren, scounteren, menvcfg, mipSoft, PRIV_M, PRIV_S, PRIV_U } from "../hart/state";
import { MSTATUS_TVM, CAUSE_ILLEGAL } from "../trap/causes";
import { raise } from "../trap/raise";

const MCOUNTEREN_TM: u64 = 1 << 1;
const MENVCFG_STCE: u64 = <u64>1 << 63;

/** Whether the hart at its privilege may touch this CSR at all. */
function accessible(csr: u32): bool {
  if (live.priv < ((csr >> 8) & 3)) return false;
  if (csr >= C.CYCLE && csr <= C.HPMCOUNTER31) {
    const bit = <u64>1 << <u64>(csr - C.CYCLE);
    if (live.priv < PRIV_M && (mcounteren & bit) == 0) return false;
    if (live.priv == PRIV_U && (scounteren & bit) == 0) return false;
  }
  if (live.priv == PRIV_S) {
    if (csr == C.SATP && (live.mstatus & MSTATUS_TVM) != 0) return false;
    if (csr == C.STIMECMP && ((mcounteren & MCOUNTEREN_TM) == 0 || (menvcfg & MENVCFG_STCE) == 0)) return false;
  }
  return true;
}

function rawCsrInstruction(w: u32, csr: u32): u32 {
  const op = opOf(w);
  const f3 = op >= <u32>Op.CSRRWI ? op - Op.CSRRWI + 5 : op - Op.CSRRW + 1;
  return (csr << 20) | (rs1Index(w) << 15) | (f3 << 12) | (rdIndex(w) << 7) | 0x73;
}

/** Execute a CSR instruction; false after raising illegal-instruction. */
export function csrInstruction(w: u32, csr: u32, retired: u64): bool {
  const op = opOf(w);
  const src = rs1Index(w);
  const immediate = op >= <u32>Op.CSRRWI;
  const operand = immediate ? <u64>src : load<u64>(regs + (src << 3));
  const base = immediate ? op - Op.CSRRWI : op - Op.CSRRW;   // 0 write, 1 set, 2 clear
  const writes = base == 0 || src != 0;
  if (!accessible(csr) || (writes && (csr >> 10) == 3)) {
    raise(CAUSE_ILLEGAL, rawCsrInstruction(w, csr));
    return false;
  }
  const old = csrRead(csr, retired);
  if (csrMissing) {
    raise(CAUSE_ILLEGAL, rawCsrInstruction(w, csr));
    return false;
  }
  if (writes) {
    // Set/clear on mip or sip modify the bits software wrote, not the read
    // view, which merges in the PLIC's SEIP: writing that back would latch
    // an external interrupt that the PLIC has since dropped.
    const prior = csr == C.MIP || csr == C.SIP ? mipSoft : old;
    const v = base == 0 ? operand : base == 1 ? prior | operand : prior & ~operand;
    csrWrite(csr, v, retired);
  }
  const rd = rdIndex(w);
  if (rd != 0) store<u64>(regs + (rd << 3), old);
  return true;
}
