// Decoding of the 32-bit instructions (RV64I, M, A, Zicsr, Zifencei and the
// privileged SYSTEM instructions) into decode slots (decode/ops.ts).

import { Op, pack } from "./ops";
import { REG_SINK, SLOT_SHIFT } from "../hart/layout";

/** The immediate word of the slot last produced by a decode function. */
export let decodedImm: i32 = 0;

@inline export function dst(rd: u32): u32 { return rd == 0 ? REG_SINK : rd; }

export function illegal(raw: u32): u32 {
  decodedImm = <i32>raw;
  return pack(Op.ILLEGAL, 0, 0, 0, 4);
}

/** An op that only writes rd: writing x0 makes it a no-op. */
export function alu(op: u32, rd: u32, rs1: u32, rs2: u32, imm: i32, len: u32): u32 {
  decodedImm = imm;
  if (rd == 0) return pack(Op.NOP, 0, 0, 0, len);
  return pack(op, rd, rs1, rs2, len);
}

/** Register-immediate add with its common special cases. */
export function addi(rd: u32, rs1: u32, imm: i32, len: u32): u32 {
  if (rs1 == 0) return alu(Op.LI, rd, 0, 0, imm, len);
  if (imm == 0) return alu(Op.MV, rd, rs1, 0, 0, len);
  return alu(Op.ADDI, rd, rs1, 0, imm, len);
}

/** A branch or jal: near if the target stays in this page. `off` is the
 *  instruction's byte offset in its page, or -1 when decoding outside a page. */
export function control(nearOp: u32, farOp: u32, rd: u32, rs1: u32, rs2: u32, imm: i32, off: i32, len: u32): u32 {
  const target = off + imm;
  if (off >= 0 && target >= 0 && target < 4096) {
    decodedImm = imm << SLOT_SHIFT;
    return pack(nearOp, rd, rs1, rs2, len);
  }
  decodedImm = imm;
  return pack(farOp, rd, rs1, rs2, len);
}

const BRANCH_NEAR: u32 = Op.BEQ_NEAR;
const BRANCH_FAR: u32 = Op.BEQ_FAR;

export function decode32(raw: u32, off: i32): u32 {
  const rd = (raw >> 7) & 31;
  const f3 = (raw >> 12) & 7;
  const rs1 = (raw >> 15) & 31;
  const rs2 = (raw >> 20) & 31;
  const f7 = raw >>> 25;
  const immI = <i32>raw >> 20;
  switch (raw & 0x7f) {
    case 0x37: // LUI
      return alu(Op.LI, rd, 0, 0, <i32>(raw & 0xfffff000), 4);
    case 0x17: // AUIPC
      return alu(Op.AUIPC, rd, 0, 0, <i32>(raw & 0xfffff000), 4);
    case 0x6f: { // JAL
      const imm = ((<i32>raw >> 31) << 20) | <i32>(raw & 0xff000) | <i32>((raw >> 9) & 0x800) | <i32>((raw >> 20) & 0x7fe);
      return control(Op.JAL_NEAR, Op.JAL_FAR, dst(rd), 0, 0, imm, off, 4);
    }
    case 0x67: // JALR
      if (f3 != 0) return illegal(raw);
      decodedImm = immI;
      return pack(Op.JALR, dst(rd), rs1, 0, 4);
    case 0x63: { // BEQ BNE BLT BGE BLTU BGEU
      if (f3 == 2 || f3 == 3) return illegal(raw);
      const imm = ((<i32>raw >> 31) << 12) | <i32>((raw << 4) & 0x800) | <i32>((raw >> 20) & 0x7e0) | <i32>((raw >> 7) & 0x1e);
      const k: u32 = f3 < 2 ? f3 : f3 - 2;
      return control(BRANCH_NEAR + k, BRANCH_FAR + k, 0, rs1, rs2, imm, off, 4);
    }
    case 0x03: // LB LH LW LD LBU LHU LWU
      if (f3 == 7) return illegal(raw);
      decodedImm = immI;
      return pack(Op.LB + f3, dst(rd), rs1, 0, 4);
    case 0x23: // SB SH SW SD
      if (f3 > 3) return illegal(raw);
      decodedImm = ((<i32>raw >> 25) << 5) | <i32>rd;
      return pack(Op.SB + f3, 0, rs1, rs2, 4);
    case 0x13: // OP-IMM
      switch (f3) {
        case 0: return addi(rd, rs1, immI, 4);
        case 1: return (raw >>> 26) == 0 ? alu(Op.SLLI, rd, rs1, 0, immI & 63, 4) : illegal(raw);
        case 2: return alu(Op.SLTI, rd, rs1, 0, immI, 4);
        case 3: return alu(Op.SLTIU, rd, rs1, 0, immI, 4);
        case 4: return alu(Op.XORI, rd, rs1, 0, immI, 4);
        case 5:
          if ((raw >>> 26) == 0) return alu(Op.SRLI, rd, rs1, 0, immI & 63, 4);
          if ((raw >>> 26) == 0x10) return alu(Op.SRAI, rd, rs1, 0, immI & 63, 4);
          return illegal(raw);
        case 6: return alu(Op.ORI, rd, rs1, 0, immI, 4);
        default: return alu(Op.ANDI, rd, rs1, 0, immI, 4);
      }
    case 0x1b: // OP-IMM-32
      if (f3 == 0) return alu(Op.ADDIW, rd, rs1, 0, immI, 4);
      if (f3 == 1 && f7 == 0) return alu(Op.SLLIW, rd, rs1, 0, immI & 31, 4);
      if (f3 == 5 && f7 == 0) return alu(Op.SRLIW, rd, rs1, 0, immI & 31, 4);
      if (f3 == 5 && f7 == 0x20) return alu(Op.SRAIW, rd, rs1, 0, immI & 31, 4);
      return illegal(raw);
    case 0x33: // OP
      if (f7 == 0) return alu(Op.ADD + f3, rd, rs1, rs2, 0, 4);
      if (f7 == 1) return alu(Op.MUL + f3, rd, rs1, rs2, 0, 4);
      if (f7 == 0x20 && f3 == 0) return alu(Op.SUB, rd, rs1, rs2, 0, 4);
      if (f7 == 0x20 && f3 == 5) return alu(Op.SRA, rd, rs1, rs2, 0, 4);
      return illegal(raw);
    case 0x3b: // OP-32
      if (f7 == 0 && f3 == 0) return alu(Op.ADDW, rd, rs1, rs2, 0, 4);
      if (f7 == 0 && f3 == 1) return alu(Op.SLLW, rd, rs1, rs2, 0, 4);
      if (f7 == 0 && f3 == 5) return alu(Op.SRLW, rd, rs1, rs2, 0, 4);
      if (f7 == 0x20 && f3 == 0) return alu(Op.SUBW, rd, rs1, rs2, 0, 4);
      if (f7 == 0x20 && f3 == 5) return alu(Op.SRAW, rd, rs1, rs2, 0, 4);
      if (f7 == 1 && f3 == 0) return alu(Op.MULW, rd, rs1, rs2, 0, 4);
      if (f7 == 1 && f3 >= 4) return alu(Op.DIVW + f3 - 4, rd, rs1, rs2, 0, 4);
      return illegal(raw);
    case 0x0f: // FENCE FENCE.I
      decodedImm = 0;
      if (f3 == 0) return pack(Op.FENCE, 0, 0, 0, 4);
      if (f3 == 1) return pack(Op.FENCE_I, 0, 0, 0, 4);
      return illegal(raw);
    case 0x73:
      return decodeSystem(raw, rd, f3, rs1, rs2, f7);
    case 0x2f:
      return decodeAtomic(raw, rd, f3, rs1, rs2);
  }
  return illegal(raw);
}

function decodeSystem(raw: u32, rd: u32, f3: u32, rs1: u32, rs2: u32, f7: u32): u32 {
  decodedImm = 0;
  if (f3 == 0) {
    if (raw == 0x00000073) return pack(Op.ECALL, 0, 0, 0, 4);
    if (raw == 0x00100073) return pack(Op.EBREAK, 0, 0, 0, 4);
    if (raw == 0x30200073) return pack(Op.MRET, 0, 0, 0, 4);
    if (raw == 0x10200073) return pack(Op.SRET, 0, 0, 0, 4);
    if (raw == 0x10500073) return pack(Op.WFI, 0, 0, 0, 4);
    if (f7 == 0x09 && rd == 0) return pack(Op.SFENCE_VMA, 0, rs1, rs2, 4);
    return illegal(raw);
  }
  if (f3 == 4) return illegal(raw);
  // The CSR number travels in imm, rs1 holds the register or the 5-bit
  // immediate; rd keeps 0 (not the sink) so the CSR code can tell "no read".
  decodedImm = <i32>(raw >>> 20);
  const op = f3 < 4 ? Op.CSRRW + f3 - 1 : Op.CSRRWI + f3 - 5;
  return pack(op, rd, rs1, 0, 4);
}

function decodeAtomic(raw: u32, rd: u32, f3: u32, rs1: u32, rs2: u32): u32 {
  if (f3 != 2 && f3 != 3) return illegal(raw);
  const wide = f3 == 3;
  decodedImm = 0;
  let op: u32 = 0;
  switch (raw >>> 27) {
    case 0x02:
      if (rs2 != 0) return illegal(raw);
      op = wide ? Op.LR_D : Op.LR_W; break;
    case 0x03: op = wide ? Op.SC_D : Op.SC_W; break;
    case 0x01: op = Op.AMOSWAP_W; break;
    case 0x00: op = Op.AMOADD_W; break;
    case 0x04: op = Op.AMOXOR_W; break;
    case 0x0c: op = Op.AMOAND_W; break;
    case 0x08: op = Op.AMOOR_W; break;
    case 0x10: op = Op.AMOMIN_W; break;
    case 0x14: op = Op.AMOMAX_W; break;
    case 0x18: op = Op.AMOMINU_W; break;
    case 0x1c: op = Op.AMOMAXU_W; break;
    default: return illegal(raw);
  }
  if (wide && op >= <u32>Op.AMOSWAP_W) op += Op.AMOSWAP_D - Op.AMOSWAP_W;
  return pack(op, dst(rd), rs1, rs2, 4);
}
