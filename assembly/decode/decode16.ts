// Decoding of the compressed (C extension, RV64) instructions into the same
// decoded ops as their 32-bit expansions, with a 2-byte step.

import { Op, pack } from "./ops";
import { decodedImm, illegal, alu, addi, control, dst } from "./decode32";

@inline function bit(raw: u32, from: u32, to: u32): u32 { return ((raw >> from) & 1) << to; }
/** The 3-bit register fields of CIW/CL/CS/CA/CB formats name x8..x15. */
@inline function rp(raw: u32, at: u32): u32 { return 8 + ((raw >> at) & 7); }
/** The 6-bit signed immediate of CI format: bit 12 then bits 6:2. */
@inline function immCI(raw: u32): i32 { return ((<i32>(raw << 19)) >> 26 & ~31) | <i32>((raw >> 2) & 31); }

function mem(op: u32, rd: u32, rs1: u32, rs2: u32, imm: u32): u32 {
  decodedImm = <i32>imm;
  return pack(op, rd, rs1, rs2, 2);
}

export function decode16(raw: u32, off: i32): u32 {
  const f3 = raw >> 13;
  const rd = (raw >> 7) & 31;
  const rs2 = (raw >> 2) & 31;
  switch (((raw & 3) << 3) | f3) {
    case 0x00: { // C.ADDI4SPN
      const imm = bit(raw, 11, 4) | bit(raw, 12, 5) | ((raw >> 1) & 0x3c0) | bit(raw, 6, 2) | bit(raw, 5, 3);
      if (imm == 0) return illegal(raw);
      return addi(rp(raw, 2), 2, <i32>imm, 2);
    }
    case 0x02: // C.LW
      return mem(Op.LW, rp(raw, 2), rp(raw, 7), 0, ((raw >> 7) & 0x38) | bit(raw, 6, 2) | bit(raw, 5, 6));
    case 0x03: // C.LD
      return mem(Op.LD, rp(raw, 2), rp(raw, 7), 0, ((raw >> 7) & 0x38) | ((raw << 1) & 0xc0));
    case 0x06: // C.SW
      return mem(Op.SW, 0, rp(raw, 7), rp(raw, 2), ((raw >> 7) & 0x38) | bit(raw, 6, 2) | bit(raw, 5, 6));
    case 0x07: // C.SD
      return mem(Op.SD, 0, rp(raw, 7), rp(raw, 2), ((raw >> 7) & 0x38) | ((raw << 1) & 0xc0));
    case 0x08: // C.ADDI (C.NOP)
      return addi(rd, rd, immCI(raw), 2);
    case 0x09: // C.ADDIW
      if (rd == 0) return illegal(raw);
      return alu(Op.ADDIW, rd, rd, 0, immCI(raw), 2);
    case 0x0a: // C.LI
      return addi(rd, 0, immCI(raw), 2);
    case 0x0b: { // C.ADDI16SP, C.LUI
      if (rd == 2) {
        const imm = ((<i32>(raw << 19) >> 31) << 9) | <i32>(bit(raw, 6, 4) | bit(raw, 5, 6) | ((raw << 4) & 0x180) | bit(raw, 2, 5));
        if (imm == 0) return illegal(raw);
        return addi(2, 2, imm, 2);
      }
      const imm = immCI(raw) << 12;
      if (imm == 0) return illegal(raw);
      return alu(Op.LI, rd, 0, 0, imm, 2);
    }
    case 0x0c: return decodeArith(raw);
    case 0x0d: { // C.J
      const imm = ((<i32>(raw << 19) >> 31) << 11) | <i32>(bit(raw, 11, 4) | ((raw >> 1) & 0x300) | bit(raw, 8, 10)
        | bit(raw, 7, 6) | bit(raw, 6, 7) | ((raw >> 2) & 0xe) | bit(raw, 2, 5));
      return control(Op.JAL_NEAR, Op.JAL_FAR, dst(0), 0, 0, imm, off, 2);
    }
    case 0x0e: case 0x0f: { // C.BEQZ, C.BNEZ
      const imm = ((<i32>(raw << 19) >> 31) << 8) | <i32>(((raw >> 7) & 0x18) | ((raw << 1) & 0xc0) | ((raw >> 2) & 6) | bit(raw, 2, 5));
      const near: u32 = f3 == 6 ? Op.BEQ_NEAR : Op.BNE_NEAR;
      const far: u32 = f3 == 6 ? Op.BEQ_FAR : Op.BNE_FAR;
      return control(near, far, 0, rp(raw, 7), 0, imm, off, 2);
    }
    case 0x10: // C.SLLI
      return alu(Op.SLLI, rd, rd, 0, <i32>(bit(raw, 12, 5) | rs2), 2);
    case 0x12: // C.LWSP
      if (rd == 0) return illegal(raw);
      return mem(Op.LW, rd, 2, 0, bit(raw, 12, 5) | ((raw >> 2) & 0x1c) | ((raw << 4) & 0xc0));
    case 0x13: // C.LDSP
      if (rd == 0) return illegal(raw);
      return mem(Op.LD, rd, 2, 0, bit(raw, 12, 5) | ((raw >> 2) & 0x18) | ((raw << 4) & 0x1c0));
    case 0x14: return decodeJumpMove(raw, rd, rs2);
    case 0x16: // C.SWSP
      return mem(Op.SW, 0, 2, rs2, ((raw >> 7) & 0x3c) | ((raw >> 1) & 0xc0));
    case 0x17: // C.SDSP
      return mem(Op.SD, 0, 2, rs2, ((raw >> 7) & 0x38) | ((raw >> 1) & 0x1c0));
  }
  // C.FLD, C.FSD, C.FLDSP, C.FSDSP (no F/D here) and the reserved encodings.
  return illegal(raw);
}

/** C.SRLI C.SRAI C.ANDI C.SUB C.XOR C.OR C.AND C.SUBW C.ADDW */
function decodeArith(raw: u32): u32 {
  const rd = rp(raw, 7);
  const rs2 = rp(raw, 2);
  const shamt = <i32>(bit(raw, 12, 5) | ((raw >> 2) & 31));
  switch ((raw >> 10) & 3) {
    case 0: return alu(Op.SRLI, rd, rd, 0, shamt, 2);
    case 1: return alu(Op.SRAI, rd, rd, 0, shamt, 2);
    case 2: return alu(Op.ANDI, rd, rd, 0, immCI(raw), 2);
  }
  const f = (raw >> 5) & 3;
  if ((raw & 0x1000) == 0) {
    const ops: u32 = f == 0 ? Op.SUB : f == 1 ? Op.XOR : f == 2 ? Op.OR : Op.AND;
    return alu(ops, rd, rd, rs2, 0, 2);
  }
  if (f == 0) return alu(Op.SUBW, rd, rd, rs2, 0, 2);
  if (f == 1) return alu(Op.ADDW, rd, rd, rs2, 0, 2);
  return illegal(raw);
}

/** C.JR C.MV C.EBREAK C.JALR C.ADD */
function decodeJumpMove(raw: u32, rd: u32, rs2: u32): u32 {
  if ((raw & 0x1000) == 0) {
    if (rs2 == 0) {
      if (rd == 0) return illegal(raw);
      decodedImm = 0;
      return pack(Op.JALR, dst(0), rd, 0, 2);
    }
    return alu(Op.MV, rd, rs2, 0, 0, 2);
  }
  if (rs2 == 0) {
    decodedImm = 0;
    if (rd == 0) return pack(Op.EBREAK, 0, 0, 0, 2);
    return pack(Op.JALR, 1, rd, 0, 2);
  }
  return alu(Op.ADD, rd, rd, rs2, 0, 2);
}
