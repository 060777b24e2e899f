// The decoded form of one instruction: a 16-byte decode slot.
//
//  +0 word:  31      26 25   20 19   14 13    8 7      0
//          ┌──────────┬───────┬───────┬───────┬────────┐
//          │ step     │ rs2   │ rs1   │ rd    │ op     │  step = length * 8 (slot bytes
//          └──────────┴───────┴───────┴───────┴────────┘  to the next instruction)
//  +4 imm (i32): immediate, branch offset, CSR number or raw instruction
//  +8 u16 rd * 8, +10 u16 rs1 * 8, +12 u16 rs2 * 8, +14 u8 step: the same
//     fields ready to use, so the fast loop needs no shifts and masks
//
import { SLOT_SHIFT } from "../hart/layout";

// rd of an instruction that writes x0 is REG_SINK, so no op tests for x0.
// Branches and jumps whose target lies in the same 4 KiB page are decoded as
// *_NEAR ops whose imm is already the distance in slot bytes.

export const enum Op {
  // Control of the loop itself, not instructions.
  DECODE = 0,   // slot not decoded yet (a zeroed page)
  PAGE_END,     // sentinel after the last slot of a page
  FETCH,        // (re)enter the page of `fetchPc`
  STRADDLE,     // a 32-bit instruction that crosses into the next page
  ILLEGAL,      // imm = the raw instruction (mtval)

  LUI, AUIPC, JAL_NEAR, JAL_FAR, JALR,
  BEQ_NEAR, BNE_NEAR, BLT_NEAR, BGE_NEAR, BLTU_NEAR, BGEU_NEAR,
  BEQ_FAR, BNE_FAR, BLT_FAR, BGE_FAR, BLTU_FAR, BGEU_FAR,
  LB, LH, LW, LD, LBU, LHU, LWU,
  SB, SH, SW, SD,
  ADDI, SLTI, SLTIU, XORI, ORI, ANDI, SLLI, SRLI, SRAI,
  ADD, SLL, SLT, SLTU, XOR, SRL, OR, AND, SUB, SRA,  // ADD + funct3, then the funct7=0x20 pair
  ADDIW, SLLIW, SRLIW, SRAIW,
  ADDW, SUBW, SLLW, SRLW, SRAW,
  FENCE, FENCE_I, ECALL, EBREAK, MRET, SRET, WFI, SFENCE_VMA,
  CSRRW, CSRRS, CSRRC, CSRRWI, CSRRSI, CSRRCI,
  MUL, MULH, MULHSU, MULHU, DIV, DIVU, REM, REMU,
  MULW, DIVW, DIVUW, REMW, REMUW,
  LR_W, SC_W, LR_D, SC_D,
  AMOSWAP_W, AMOADD_W, AMOXOR_W, AMOAND_W, AMOOR_W, AMOMIN_W, AMOMAX_W, AMOMINU_W, AMOMAXU_W,
  AMOSWAP_D, AMOADD_D, AMOXOR_D, AMOAND_D, AMOOR_D, AMOMIN_D, AMOMAX_D, AMOMINU_D, AMOMAXU_D,
  // Common special cases, decoded to save work in the loop.
  NOP,          // any ALU op writing x0
  LI,           // addi rd, x0, imm
  MV,           // addi rd, rs1, 0
  // A GDB breakpoint in place of the instruction (execute/debug.ts).
  BREAK,
}

@inline export function pack(op: u32, rd: u32, rs1: u32, rs2: u32, len: u32): u32 {
  return op | (rd << 8) | (rs1 << 14) | (rs2 << 20) | ((len << SLOT_SHIFT) << 26);
}

/** Fill the slot at p from a packed word and its immediate. */
export function writeSlot(p: u32, w: u32, imm: i32): void {
  store<u32>(p, w);
  store<i32>(p, imm, 4);
  store<u16>(p, <u16>rdOff(w), 8);
  store<u16>(p, <u16>rs1Off(w), 10);
  store<u16>(p, <u16>rs2Off(w), 12);
  store<u8>(p, <u8>stepOf(w), 14);
}

// The fast loop's view of a slot.
@inline export function slotOp(p: u32): u32 { return load<u8>(p); }
@inline export function slotImm(p: u32): i32 { return load<i32>(p, 4); }
@inline export function slotRd(p: u32): u32 { return load<u16>(p, 8); }
@inline export function slotRs1(p: u32): u32 { return load<u16>(p, 10); }
@inline export function slotRs2(p: u32): u32 { return load<u16>(p, 12); }
@inline export function slotStep(p: u32): u32 { return load<u8>(p, 14); }

@inline export function opOf(w: u32): u32 { return w & 0xff; }
/** Byte offsets of the registers in the register file. */
@inline export function rdOff(w: u32): u32 { return (w >> 5) & 0x1f8; }
@inline export function rs1Off(w: u32): u32 { return (w >> 11) & 0x1f8; }
@inline export function rs2Off(w: u32): u32 { return (w >> 17) & 0x1f8; }
@inline export function stepOf(w: u32): u32 { return w >>> 26; }
@inline export function rdIndex(w: u32): u32 { return (w >> 8) & 0x3f; }
@inline export function rs1Index(w: u32): u32 { return (w >> 14) & 0x3f; }
@inline export function rs2Index(w: u32): u32 { return (w >> 20) & 0x3f; }
