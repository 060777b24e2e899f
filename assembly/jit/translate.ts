// One decoded instruction into WebAssembly, with the guest registers in
// locals (jit/frame.ts). Each op does what execute/fast.ts does for it;
// whatever needs the rest of the core (CSRs, traps, atomics, MMIO, TLB
// misses) exits before the instruction, for the interpreter.

import * as W from "./wasm";
import { Op, slotOp, slotImm } from "../decode/ops";
import { REG_SINK, OFF_TLB_LOAD, OFF_TLB_STORE, SLOT_SHIFT } from "../hart/layout";
import { L_PCBASE, L_X0, L_VA, L_TA, L_TB, L_TC, L_TD, L_A32, L_B32, EXIT_JUMP, EXIT_INTERP,
  pending, flush, exitAt, exitToTa, backEdge, backEdgeTa, depthCase, openIf, closeIf, canSkipTo, openSkip } from "./frame";
import { kindAt, slotLen, rdOf, rs1Of, rs2Of, nearTarget, isSkip, K_STRAIGHT, K_BRANCH_NEAR, K_BRANCH_FAR,
  K_JAL_NEAR, K_JAL_FAR, K_JALR, K_CSR } from "./region";
import { emitCsr, csrAfter } from "./csr";
import { tlbLookup } from "./tlb-inline";
import { caseOf } from "./cases";

/** The page's first slot, from one of its slots. */
@inline function slotsOf(p: u32, off: u32): u32 { return p - (off << SLOT_SHIFT); }

function rget(r: u32): void {
  if (r == 0) W.i64c(0);
  else W.get(L_X0 + r);
}

function rset(rd: u32): void {
  if (rd == 0 || rd == REG_SINK) W.op(W.DROP);
  else W.set(L_X0 + rd);
}

/** The pc of the instruction after the one at `off`: a link value. */
function link(p: u32, off: u32): void {
  const rd = rdOf(p);
  if (rd == REG_SINK) return;
  W.get(L_PCBASE); W.i64c(<i64>(off + slotLen(p))); W.op(W.I64_ADD);
  rset(rd);
}

/** rs1 op rs2, or rs1 op imm. */
function binary(p: u32, code: u32): void { rget(rs1Of(p)); rget(rs2Of(p)); W.op(code); }
function withImm(p: u32, code: u32): void { rget(rs1Of(p)); W.i64c(<i64>slotImm(p)); W.op(code); }
/** A 32-bit op on the low words, sign-extended. */
function word(p: u32, code: u32, imm: bool): void {
  rget(rs1Of(p)); W.op(W.I32_WRAP_I64);
  if (imm) W.i32c(slotImm(p));
  else { rget(rs2Of(p)); W.op(W.I32_WRAP_I64); }
  W.op(code); W.op(W.I64_EXTEND_I32_S);
}

function ifI64(): void { W.op(W.IF); W.byte(W.T_I64); }

/** rs1 into $ta and rs2 into $tb, for the divisions. */
function operands(p: u32): void { rget(rs1Of(p)); W.set(L_TA); rget(rs2Of(p)); W.set(L_TB); }
function words(p: u32): void {
  rget(rs1Of(p)); W.op(W.I32_WRAP_I64); W.set(L_A32);
  rget(rs2Of(p)); W.op(W.I32_WRAP_I64); W.set(L_B32);
}

/** The M extension's divisions: the spec's results where wasm would trap. */
function division(op: u32): void {
  switch (op) {
    case Op.DIV:
      W.get(L_TB); W.op(W.I64_EQZ); ifI64(); W.i64c(-1); W.op(W.ELSE);
      W.get(L_TA); W.i64c(i64.MIN_VALUE); W.op(W.I64_EQ); W.get(L_TB); W.i64c(-1); W.op(W.I64_EQ); W.op(W.I32_AND);
      ifI64(); W.get(L_TA); W.op(W.ELSE); W.get(L_TA); W.get(L_TB); W.op(W.I64_DIV_S); W.op(W.END);
      W.op(W.END);
      return;
    case Op.DIVU: case Op.REM: case Op.REMU: {
      W.get(L_TB); W.op(W.I64_EQZ); ifI64();
      if (op == Op.DIVU) W.i64c(-1); else W.get(L_TA);
      W.op(W.ELSE); W.get(L_TA); W.get(L_TB);
      W.op(op == Op.DIVU ? W.I64_DIV_U : op == Op.REM ? W.I64_REM_S : W.I64_REM_U);
      W.op(W.END);
      return;
    }
    case Op.DIVW:
      W.get(L_B32); W.op(W.I32_EQZ); ifI64(); W.i64c(-1); W.op(W.ELSE);
      W.get(L_A32); W.i32c(i32.MIN_VALUE); W.op(W.I32_EQ); W.get(L_B32); W.i32c(-1); W.op(W.I32_EQ); W.op(W.I32_AND);
      ifI64(); W.get(L_A32); W.op(W.I64_EXTEND_I32_S);
      W.op(W.ELSE); W.get(L_A32); W.get(L_B32); W.op(W.I32_DIV_S); W.op(W.I64_EXTEND_I32_S); W.op(W.END);
      W.op(W.END);
      return;
    default: { // DIVUW REMW REMUW
      W.get(L_B32); W.op(W.I32_EQZ); ifI64();
      if (op == Op.DIVUW) W.i64c(-1); else { W.get(L_A32); W.op(W.I64_EXTEND_I32_S); }
      W.op(W.ELSE); W.get(L_A32); W.get(L_B32);
      W.op(op == Op.DIVUW ? W.I32_DIV_U : op == Op.REMW ? W.I32_REM_S : W.I32_REM_U);
      W.op(W.I64_EXTEND_I32_S);
      W.op(W.END);
    }
  }
}

// By op - Op.LB, op - Op.SB and the branch's funct3 order; read-only static data.
const LOW: i64 = 0xffffffff;

/** The high 64 bits of the unsigned product of $ta and $tb, from 32-bit
 *  halves (execute/muldiv.ts mulhu); $tc and $td hold the cross products. */
function mulhu(): void {
  W.get(L_TA); W.i64c(32); W.op(W.I64_SHR_U); W.get(L_TB); W.i64c(LOW); W.op(W.I64_AND); W.op(W.I64_MUL); W.set(L_TC);
  W.get(L_TA); W.i64c(LOW); W.op(W.I64_AND); W.get(L_TB); W.i64c(32); W.op(W.I64_SHR_U); W.op(W.I64_MUL); W.set(L_TD);
  W.get(L_TA); W.i64c(32); W.op(W.I64_SHR_U); W.get(L_TB); W.i64c(32); W.op(W.I64_SHR_U); W.op(W.I64_MUL);
  W.get(L_TC); W.i64c(32); W.op(W.I64_SHR_U); W.op(W.I64_ADD);
  W.get(L_TD); W.i64c(32); W.op(W.I64_SHR_U); W.op(W.I64_ADD);
  W.get(L_TA); W.i64c(LOW); W.op(W.I64_AND); W.get(L_TB); W.i64c(LOW); W.op(W.I64_AND); W.op(W.I64_MUL);
  W.i64c(32); W.op(W.I64_SHR_U);
  W.get(L_TC); W.i64c(LOW); W.op(W.I64_AND); W.op(W.I64_ADD);
  W.get(L_TD); W.i64c(LOW); W.op(W.I64_AND); W.op(W.I64_ADD);
  W.i64c(32); W.op(W.I64_SHR_U); W.op(W.I64_ADD);
}

/** Subtract `y` where `x` is negative: the signed corrections of mulh. */
function lessIfNegative(x: u32, y: u32): void {
  W.get(y); W.get(x); W.i64c(63); W.op(W.I64_SHR_S); W.op(W.I64_AND); W.op(W.I64_SUB);
}

function highMultiply(op: u32): void {
  mulhu();
  if (op == Op.MULHU) return;
  lessIfNegative(L_TA, L_TB);
  if (op == Op.MULH) lessIfNegative(L_TB, L_TA);
}

const LOAD_CODE: StaticArray<u32> = [W.I64_LOAD8_S, W.I64_LOAD16_S, W.I64_LOAD32_S, W.I64_LOAD, W.I64_LOAD8_U, W.I64_LOAD16_U, W.I64_LOAD32_U];
const LOAD_LOG: StaticArray<u32> = [0, 1, 2, 3, 0, 1, 2];
const STORE_CODE: StaticArray<u32> = [W.I64_STORE8, W.I64_STORE16, W.I64_STORE32, W.I64_STORE];
const COMPARE_CODE: StaticArray<u32> = [W.I64_EQ, W.I64_NE, W.I64_LT_S, W.I64_GE_S, W.I64_LT_U, W.I64_GE_U];

function address(p: u32): void {
  rget(rs1Of(p));
  const imm = slotImm(p);
  if (imm != 0) { W.i64c(<i64>imm); W.op(W.I64_ADD); }
  W.set(L_VA);
}

function loadOp(p: u32, off: u32, k: u32): void {
  address(p);
  const log = unchecked(LOAD_LOG[k]);
  tlbLookup(OFF_TLB_LOAD, 1 << log, off);
  W.mem(unchecked(LOAD_CODE[k]), 0, 0);
  rset(rdOf(p));
}

function storeOp(p: u32, off: u32, k: u32): void {
  address(p);
  tlbLookup(OFF_TLB_STORE, 1 << k, off);
  rget(rs2Of(p));
  W.mem(unchecked(STORE_CODE[k]), 0, 0);
}

/** An instruction that falls through to the next. */
function straight(p: u32, off: u32): void {
  const op = slotOp(p);
  const rd = rdOf(p);
  if (op >= <u32>Op.LB && op <= <u32>Op.LWU) { loadOp(p, off, op - Op.LB); return; }
  if (op >= <u32>Op.SB && op <= <u32>Op.SD) { storeOp(p, off, op - Op.SB); return; }
  switch (op) {
    case Op.NOP: return;
    case Op.LI: W.i64c(<i64>slotImm(p)); break;
    case Op.MV: rget(rs1Of(p)); break;
    case Op.AUIPC: W.get(L_PCBASE); W.i64c(<i64>off + <i64>slotImm(p)); W.op(W.I64_ADD); break;
    case Op.FENCE: W.byte(W.ATOMIC_PREFIX); W.u32leb(W.ATOMIC_FENCE); W.byte(0); return;
    case Op.ADDI: withImm(p, W.I64_ADD); break;
    case Op.SLTI: withImm(p, W.I64_LT_S); W.op(W.I64_EXTEND_I32_U); break;
    case Op.SLTIU: withImm(p, W.I64_LT_U); W.op(W.I64_EXTEND_I32_U); break;
    case Op.XORI: withImm(p, W.I64_XOR); break;
    case Op.ORI: withImm(p, W.I64_OR); break;
    case Op.ANDI: withImm(p, W.I64_AND); break;
    case Op.SLLI: withImm(p, W.I64_SHL); break;
    case Op.SRLI: withImm(p, W.I64_SHR_U); break;
    case Op.SRAI: withImm(p, W.I64_SHR_S); break;
    case Op.ADD: binary(p, W.I64_ADD); break;
    case Op.SUB: binary(p, W.I64_SUB); break;
    case Op.SLL: binary(p, W.I64_SHL); break;
    case Op.SLT: binary(p, W.I64_LT_S); W.op(W.I64_EXTEND_I32_U); break;
    case Op.SLTU: binary(p, W.I64_LT_U); W.op(W.I64_EXTEND_I32_U); break;
    case Op.XOR: binary(p, W.I64_XOR); break;
    case Op.SRL: binary(p, W.I64_SHR_U); break;
    case Op.SRA: binary(p, W.I64_SHR_S); break;
    case Op.OR: binary(p, W.I64_OR); break;
    case Op.AND: binary(p, W.I64_AND); break;
    case Op.ADDIW: withImm(p, W.I64_ADD); W.op(W.I64_EXTEND32_S); break;
    case Op.SLLIW: word(p, W.I32_SHL, true); break;
    case Op.SRLIW: word(p, W.I32_SHR_U, true); break;
    case Op.SRAIW: word(p, W.I32_SHR_S, true); break;
    case Op.ADDW: binary(p, W.I64_ADD); W.op(W.I64_EXTEND32_S); break;
    case Op.SUBW: binary(p, W.I64_SUB); W.op(W.I64_EXTEND32_S); break;
    case Op.SLLW: word(p, W.I32_SHL, false); break;
    case Op.SRLW: word(p, W.I32_SHR_U, false); break;
    case Op.SRAW: word(p, W.I32_SHR_S, false); break;
    case Op.MUL: binary(p, W.I64_MUL); break;
    case Op.MULH: case Op.MULHSU: case Op.MULHU: operands(p); highMultiply(op); break;
    case Op.MULW: binary(p, W.I64_MUL); W.op(W.I64_EXTEND32_S); break;
    case Op.DIV: case Op.DIVU: case Op.REM: case Op.REMU: operands(p); division(op); break;
    default: words(p); division(op); break;   // DIVW DIVUW REMW REMUW
  }
  rset(rd);
}

function condition(p: u32): void {
  rget(rs1Of(p)); rget(rs2Of(p));
  const op = slotOp(p);
  const k = op >= <u32>Op.BEQ_FAR ? op - Op.BEQ_FAR : op - Op.BEQ_NEAR;
  W.op(unchecked(COMPARE_CODE[k]));
}

/** Control to page offset `target` of this page (pending instructions
 *  flushed). A target outside the region (not run yet) is the
 *  interpreter's. */
function goNear(target: u32, off: u32): void {
  if (target <= off) backEdge(target);
  else if (caseOf(target) >= 0) W.br(depthCase(caseOf(target)));
  else exitAt(<i64>target, EXIT_INTERP);
}

/** Emit the instruction at page offset `off` (slot p); false when control
 *  never falls through to the next instruction. */
export function emitInsn(p: u32, off: u32): bool {
  switch (kindAt(p)) {
    case K_STRAIGHT:
      straight(p, off);
      pending++;
      return true;
    case K_CSR:
      emitCsr(p, off);
      pending++;
      csrAfter(p, off);
      return true;
    case K_BRANCH_NEAR: {
      pending++;
      flush();
      const target = nearTarget(p, off);
      if (target > off && caseOf(target) < 0 && canSkipTo(target) && isSkip(slotsOf(p, off), p, off)) {
        openSkip(target);
        condition(p);
        W.brIf(0);
        return true;
      }
      condition(p);
      if (target > off && caseOf(target) >= 0) { W.brIf(depthCase(caseOf(target))); return true; }
      openIf(); goNear(target, off); closeIf();
      return true;
    }
    case K_BRANCH_FAR:
      pending++;
      condition(p);
      openIf(); exitAt(<i64>off + <i64>slotImm(p), EXIT_JUMP); closeIf();
      return true;
    case K_JAL_NEAR:
      link(p, off);
      pending++;
      flush();
      goNear(nearTarget(p, off), off);
      return false;
    case K_JAL_FAR:
      link(p, off);
      pending++;
      exitAt(<i64>off + <i64>slotImm(p), EXIT_JUMP);
      return false;
    case K_JALR:
      // The target first: rd may be rs1.
      rget(rs1Of(p)); W.i64c(<i64>slotImm(p)); W.op(W.I64_ADD); W.i64c(-2); W.op(W.I64_AND); W.set(L_TA);
      link(p, off);
      pending++;
      flush();
      W.get(L_TA); W.i64c(~<i64>0xfff); W.op(W.I64_AND); W.get(L_PCBASE); W.op(W.I64_EQ);
      openIf(); backEdgeTa(); closeIf();
      exitToTa();
      return false;
  }
  exitAt(<i64>off, EXIT_INTERP);
  return false;
}
