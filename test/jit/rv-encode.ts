// RV64IMAC instruction encoders for generated test programs (the ISA
// manual's formats). Each returns the instruction's bits as a number; the
// 16-bit (C) ones return a number below 0x10000.

const R = (f7: number, rs2: number, rs1: number, f3: number, rd: number, op: number) =>
  ((f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
const I = (imm: number, rs1: number, f3: number, rd: number, op: number) =>
  (((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
const S = (imm: number, rs2: number, rs1: number, f3: number, op: number) =>
  ((((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 31) << 7) | op) >>> 0;

export const OP_IMM: Record<string, number> = { addi: 0, slti: 2, sltiu: 3, xori: 4, ori: 6, andi: 7 };
export const OP: Record<string, [number, number]> = {
  add: [0, 0], sub: [0x20, 0], sll: [0, 1], slt: [0, 2], sltu: [0, 3], xor: [0, 4], srl: [0, 5], sra: [0x20, 5], or: [0, 6], and: [0, 7],
  mul: [1, 0], mulh: [1, 1], mulhsu: [1, 2], mulhu: [1, 3], div: [1, 4], divu: [1, 5], rem: [1, 6], remu: [1, 7],
};
export const OP32: Record<string, [number, number]> = {
  addw: [0, 0], subw: [0x20, 0], sllw: [0, 1], srlw: [0, 5], sraw: [0x20, 5],
  mulw: [1, 0], divw: [1, 4], divuw: [1, 5], remw: [1, 6], remuw: [1, 7],
};
export const LOADS: Record<string, number> = { lb: 0, lh: 1, lw: 2, ld: 3, lbu: 4, lhu: 5, lwu: 6 };
export const STORES: Record<string, number> = { sb: 0, sh: 1, sw: 2, sd: 3 };
export const BRANCHES: Record<string, number> = { beq: 0, bne: 1, blt: 4, bge: 5, bltu: 6, bgeu: 7 };
export const AMOS: Record<string, number> = {
  amoadd: 0x00, amoswap: 0x01, amoxor: 0x04, amoor: 0x08, amoand: 0x0c, amomin: 0x10, amomax: 0x14, amominu: 0x18, amomaxu: 0x1c,
};

export const opImm = (name: string, rd: number, rs1: number, imm: number) => I(imm, rs1, OP_IMM[name], rd, 0x13);
export const shiftImm = (kind: 'slli' | 'srli' | 'srai', rd: number, rs1: number, sh: number) =>
  I((kind === 'srai' ? 0x400 : 0) | (sh & 63), rs1, kind === 'slli' ? 1 : 5, rd, 0x13);
export const addiw = (rd: number, rs1: number, imm: number) => I(imm, rs1, 0, rd, 0x1b);
export const shiftImmW = (kind: 'slliw' | 'srliw' | 'sraiw', rd: number, rs1: number, sh: number) =>
  I((kind === 'sraiw' ? 0x400 : 0) | (sh & 31), rs1, kind === 'slliw' ? 1 : 5, rd, 0x1b);
export const op = (name: string, rd: number, rs1: number, rs2: number) => R(OP[name][0], rs2, rs1, OP[name][1], rd, 0x33);
export const op32 = (name: string, rd: number, rs1: number, rs2: number) => R(OP32[name][0], rs2, rs1, OP32[name][1], rd, 0x3b);
export const lui = (rd: number, imm20: number) => (((imm20 & 0xfffff) << 12) | (rd << 7) | 0x37) >>> 0;
export const auipc = (rd: number, imm20: number) => (((imm20 & 0xfffff) << 12) | (rd << 7) | 0x17) >>> 0;
export const load = (name: string, rd: number, rs1: number, imm: number) => I(imm, rs1, LOADS[name], rd, 0x03);
export const store = (name: string, rs2: number, rs1: number, imm: number) => S(imm, rs2, rs1, STORES[name], 0x23);
export const jalr = (rd: number, rs1: number, imm: number) => I(imm, rs1, 0, rd, 0x67);

export function branch(name: string, rs1: number, rs2: number, off: number): number {
  const b = (off >> 1) & 0xfff; // imm[12:1]
  return (((b >> 11) << 31) | (((b >> 4) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (BRANCHES[name] << 12)
    | ((b & 0xf) << 8) | (((b >> 10) & 1) << 7) | 0x63) >>> 0;
}

export function jal(rd: number, off: number): number {
  const j = (off >> 1) & 0xfffff; // imm[20:1]
  return (((j >> 19) << 31) | ((j & 0x3ff) << 21) | (((j >> 10) & 1) << 20) | (((j >> 11) & 0xff) << 12) | (rd << 7) | 0x6f) >>> 0;
}

export const csr = (f3: number, rd: number, rs1: number, num: number) => I(num, rs1, f3, rd, 0x73);
export const ECALL = 0x00000073;
export const EBREAK = 0x00100073;
export const MRET = 0x30200073;
export const SRET = 0x10200073;
export const FENCE = 0x0ff0000f;
export const FENCE_I = 0x0000100f;
export const ILLEGAL = 0xffffffff;

export const lr = (wide: boolean, rd: number, rs1: number) => R(0x02 << 2, 0, rs1, wide ? 3 : 2, rd, 0x2f);
export const sc = (wide: boolean, rd: number, rs1: number, rs2: number) => R(0x03 << 2, rs2, rs1, wide ? 3 : 2, rd, 0x2f);
export const amo = (name: string, wide: boolean, rd: number, rs1: number, rs2: number) => R(AMOS[name] << 2, rs2, rs1, wide ? 3 : 2, rd, 0x2f);

// Compressed. Registers x8..x15 are the 3-bit ones (r' = r - 8).
const bit = (v: number, from: number, to: number) => ((v >> from) & 1) << to;
export const cLi = (rd: number, imm: number) => 0x4001 | bit(imm, 5, 12) | (rd << 7) | ((imm & 31) << 2);
export const cAddi = (rd: number, imm: number) => 0x0001 | bit(imm, 5, 12) | (rd << 7) | ((imm & 31) << 2);
export const cAddiw = (rd: number, imm: number) => 0x2001 | bit(imm, 5, 12) | (rd << 7) | ((imm & 31) << 2);
export const cLui = (rd: number, imm6: number) => 0x6001 | bit(imm6, 5, 12) | (rd << 7) | ((imm6 & 31) << 2);
export const cSlli = (rd: number, sh: number) => 0x0002 | bit(sh, 5, 12) | (rd << 7) | ((sh & 31) << 2);
export const cMv = (rd: number, rs2: number) => 0x8002 | (rd << 7) | (rs2 << 2);
export const cAdd = (rd: number, rs2: number) => 0x9002 | (rd << 7) | (rs2 << 2);
/** c.srli, c.srai, c.andi on x8..x15: kind 0, 1, 2. */
export const cAluImm = (kind: number, rd: number, imm: number) => 0x8001 | bit(imm, 5, 12) | (kind << 10) | ((rd - 8) << 7) | ((imm & 31) << 2);
/** c.sub c.xor c.or c.and (w = 0), c.subw c.addw (w = 1, kind 0 or 1). */
export const cAluReg = (w: number, kind: number, rd: number, rs2: number) => 0x8c01 | (w << 12) | ((rd - 8) << 7) | (kind << 5) | ((rs2 - 8) << 2);
export const cLw = (rd: number, rs1: number, off: number) =>
  0x4000 | (((off >> 3) & 7) << 10) | ((rs1 - 8) << 7) | bit(off, 2, 6) | bit(off, 6, 5) | ((rd - 8) << 2);
export const cLd = (rd: number, rs1: number, off: number) => 0x6000 | (((off >> 3) & 7) << 10) | ((rs1 - 8) << 7) | (((off >> 6) & 3) << 5) | ((rd - 8) << 2);
export const cSw = (rs2: number, rs1: number, off: number) => cLw(rs2, rs1, off) | 0x8000;
export const cSd = (rs2: number, rs1: number, off: number) => cLd(rs2, rs1, off) | 0x8000;

export function cJ(off: number): number {
  return 0xa001 | bit(off, 11, 12) | bit(off, 4, 11) | (((off >> 8) & 3) << 9) | bit(off, 10, 8) | bit(off, 6, 7)
    | bit(off, 7, 6) | (((off >> 1) & 7) << 3) | bit(off, 5, 2);
}

/** c.beqz (ne = false) or c.bnez on x8..x15. */
export function cBranch(ne: boolean, rs1: number, off: number): number {
  return (ne ? 0xe001 : 0xc001) | bit(off, 8, 12) | (((off >> 3) & 3) << 10) | ((rs1 - 8) << 7) | (((off >> 6) & 3) << 5)
    | (((off >> 1) & 3) << 3) | bit(off, 5, 2);
}
