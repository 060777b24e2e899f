// CSR instructions in compiled code: the supervisor's own registers that a
// system call and a trap return touch (sstatus, sscratch, sepc, scause,
// stval, stvec, and reads of satp). They live in the hart block
// (hart/live.ts), so the code reads and writes them there, with the WARL
// rules of csr/registers.ts.
//
// What cannot be done here exactly leaves before the instruction, for the
// interpreter: an access the privilege (or mstatus.TVM) forbids, which
// raises illegal-instruction there; an sstatus write that changes how data
// is translated (SUM, MXR, or an MPP the WARL rule fixes), which must pick
// another TLB context. Any other CSR, and any satp write, is never compiled
// (jit/region.ts kindAt).
//
// Interrupts: the interpreter looks for one after every CSR instruction.
// Only an sstatus write that sets SIE can make one takeable that was not;
// then the code leaves after the instruction if one is pending, and the
// block end that follows takes it. Setting or clearing SIE also updates
// $mask, which the back edges test.

import * as W from "./wasm";
import * as C from "../csr/numbers";
import { Op, slotOp, slotImm } from "../decode/ops";
import { SSTATUS_WRITABLE, SSTATUS_VISIBLE, MSTATUS_TRANSLATION } from "../csr/registers";
import { MSTATUS_SIE, MSTATUS_TVM, MSTATUS_XLEN, MSTATUS_MPP, MSTATUS_MPP_SHIFT } from "../trap/causes";
import { LIVE_MSTATUS, LIVE_SSCRATCH, LIVE_SEPC, LIVE_SCAUSE, LIVE_STVAL, LIVE_STVEC, LIVE_SATP, LIVE_PRIV,
  LIVE_S_ENABLED } from "../hart/live";
import { PRIV_S } from "../hart/state";
import { L_HART, L_MASK, L_A32, L_TA, L_TB, L_TC, L_X0, EXIT_INTERP, EXIT_JUMP, exitAt, openIf, closeIf,
  interruptDue } from "./frame";
import { rdOf, rs1Of, slotLen } from "./region";

/** Where the CSR's value lives in the hart block, or 0 if compiled code
 *  does not touch it. */
function fieldOf(csr: u32): u32 {
  switch (csr) {
    case C.SSTATUS: return LIVE_MSTATUS;
    case C.SSCRATCH: return LIVE_SSCRATCH;
    case C.SEPC: return LIVE_SEPC;
    case C.SCAUSE: return LIVE_SCAUSE;
    case C.STVAL: return LIVE_STVAL;
    case C.STVEC: return LIVE_STVEC;
    case C.SATP: return LIVE_SATP;
  }
  return 0;
}

/** Whether the CSR instruction in slot p writes its CSR: csrrw always,
 *  set and clear unless their operand is x0 or 0. */
function writes(p: u32): bool {
  const op = slotOp(p);
  return op == Op.CSRRW || op == Op.CSRRWI || rs1Of(p) != 0;
}

/** Whether compiled code carries out the CSR instruction in slot p. */
export function csrCompiled(p: u32): bool {
  const csr = <u32>slotImm(p);
  if (fieldOf(csr) == 0) return false;
  // A satp write changes the translation regime: the interpreter's.
  return csr != C.SATP || !writes(p);
}

/** The new value before the CSR's own write rule: the operand, or the
 *  old value ($ta) with the operand's bits set or cleared. */
function newValue(p: u32): void {
  const op = slotOp(p);
  const immediate = op >= <u32>Op.CSRRWI;
  const base = immediate ? op - Op.CSRRWI : op - Op.CSRRW;   // 0 write, 1 set, 2 clear
  if (base != 0) W.get(L_TA);
  const src = rs1Of(p);
  if (immediate) W.i64c(<i64>src);
  else if (src == 0) W.i64c(0);
  else W.get(L_X0 + src);
  if (base == 1) W.op(W.I64_OR);
  if (base == 2) { W.i64c(-1); W.op(W.I64_XOR); W.op(W.I64_AND); }
}

/** Leave before the instruction when the privilege in $a32 may not touch
 *  the CSR: U never; S not satp while mstatus.TVM is set. */
function checkAccess(csr: u32, off: u32): void {
  W.get(L_HART); W.mem(W.I32_LOAD, 2, LIVE_PRIV); W.tee(L_A32);
  W.op(W.I32_EQZ);
  if (csr == C.SATP) {
    W.get(L_A32); W.i32c(<i32>PRIV_S); W.op(W.I32_EQ);
    W.get(L_HART); W.mem(W.I64_LOAD, 3, LIVE_MSTATUS); W.i64c(<i64>MSTATUS_TVM); W.op(W.I64_AND);
    W.i64c(0); W.op(W.I64_NE); W.op(W.I32_AND);
    W.op(W.I32_OR);
  }
  openIf(); exitAt(<i64>off, EXIT_INTERP); closeIf();
}

/** sstatus: the new mstatus from $tb (the old one) and the written value
 *  on the stack, as writeMstatus would make it, into $tc; leaves before
 *  the instruction if translation would change. */
function sstatusWrite(off: u32): void {
  W.i64c(<i64>SSTATUS_WRITABLE); W.op(W.I64_AND);
  W.get(L_TB); W.i64c(~<i64>SSTATUS_WRITABLE); W.op(W.I64_AND);
  W.op(W.I64_OR);
  W.i64c(<i64>MSTATUS_XLEN); W.op(W.I64_OR);
  W.set(L_TC);
  // MPP is WARL: the reserved 2 reads back as U.
  W.get(L_TC); W.i64c(~<i64>MSTATUS_MPP); W.op(W.I64_AND);
  W.get(L_TC);
  W.get(L_TC); W.i64c(<i64>MSTATUS_MPP); W.op(W.I64_AND); W.i64c(<i64>2 << MSTATUS_MPP_SHIFT); W.op(W.I64_EQ);
  W.op(W.SELECT); W.set(L_TC);
  W.get(L_TC); W.get(L_TB); W.op(W.I64_XOR); W.i64c(<i64>MSTATUS_TRANSLATION); W.op(W.I64_AND);
  W.i64c(0); W.op(W.I64_NE);
  openIf(); exitAt(<i64>off, EXIT_INTERP); closeIf();
}

/** $mask after sstatus.SIE became what $tc holds: in S the interrupts SIE
 *  lets in come and go with it (trap/interrupt.ts takeableMask). */
function updateMask(): void {
  W.get(L_HART); W.mem(W.I64_LOAD, 3, LIVE_S_ENABLED);
  W.i64c(0);
  W.get(L_A32); W.i32c(<i32>PRIV_S); W.op(W.I32_EQ);
  W.op(W.SELECT); W.set(L_TA);   // the old value is in rd already
  W.get(L_MASK); W.get(L_TA); W.i64c(-1); W.op(W.I64_XOR); W.op(W.I64_AND);
  W.get(L_TA); W.i64c(0);
  W.get(L_TC); W.i64c(<i64>MSTATUS_SIE); W.op(W.I64_AND); W.op(W.I32_WRAP_I64);
  W.op(W.SELECT); W.op(W.I64_OR);
  W.set(L_MASK);
}

/** Emit the CSR instruction at page offset `off` (slot p), which
 *  csrCompiled accepts. The caller counts it retired after this returns
 *  and then calls csrAfter. */
export function emitCsr(p: u32, off: u32): void {
  const csr = <u32>slotImm(p);
  const field = fieldOf(csr);
  checkAccess(csr, off);
  W.get(L_HART); W.mem(W.I64_LOAD, 3, field);
  if (csr == C.SSTATUS) { W.tee(L_TB); W.i64c(<i64>SSTATUS_VISIBLE); W.op(W.I64_AND); }
  W.set(L_TA);
  if (writes(p)) {
    newValue(p);
    if (csr == C.SSTATUS) sstatusWrite(off);
    else if (csr == C.SEPC) { W.i64c(~<i64>1); W.op(W.I64_AND); W.set(L_TC); }
    else if (csr == C.STVEC) { W.i64c(~<i64>2); W.op(W.I64_AND); W.set(L_TC); }
    else W.set(L_TC);
    W.get(L_HART); W.get(L_TC); W.mem(W.I64_STORE, 3, field);
  }
  const rd = rdOf(p);
  if (rd != 0) { W.get(L_TA); W.set(L_X0 + rd); }
  if (writes(p) && csr == C.SSTATUS) updateMask();
}

/** After the instruction was counted: an sstatus write that set SIE leaves
 *  after it when an interrupt is now due. */
export function csrAfter(p: u32, off: u32): void {
  if (<u32>slotImm(p) != C.SSTATUS || !writes(p)) return;
  W.get(L_TC); W.get(L_TB); W.i64c(-1); W.op(W.I64_XOR); W.op(W.I64_AND);
  W.i64c(<i64>MSTATUS_SIE); W.op(W.I64_AND); W.i64c(0); W.op(W.I64_NE);
  interruptDue();
  W.op(W.I32_AND);
  openIf(); exitAt(<i64>(off + slotLen(p)), EXIT_JUMP); closeIf();
}
