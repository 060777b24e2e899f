// The decoded form of one instruction: two u32 words in a decode slot.
//
//  word 0:  31     27 26 25   20 19   14 13    8 7      0
//          ┌─────────┬──┬───────┬───────┬───────┬────────┐
//          │ step    │  │ rs2   │ rs1   │ rd    │ op     │  step = length * 4 (slot bytes
//          └─────────┴──┴───────┴───────┴───────┴────────┘  to the next instruction)
//  word 1:  imm (i32): immediate, branch offset, CSR number or raw instruction
//
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
  COUNT,
}

@inline export function pack(op: u32, rd: u32, rs1: u32, rs2: u32, len: u32): u32 {
  return op | (rd << 8) | (rs1 << 14) | (rs2 << 20) | ((len << 2) << 27);
}

@inline export function opOf(w: u32): u32 { return w & 0xff; }
/** Byte offsets of the registers in the register file. */
@inline export function rdOff(w: u32): u32 { return (w >> 5) & 0x1f8; }
@inline export function rs1Off(w: u32): u32 { return (w >> 11) & 0x1f8; }
@inline export function rs2Off(w: u32): u32 { return (w >> 17) & 0x1f8; }
@inline export function stepOf(w: u32): u32 { return w >>> 27; }
@inline export function rdIndex(w: u32): u32 { return (w >> 8) & 0x3f; }
@inline export function rs1Index(w: u32): u32 { return (w >> 14) & 0x3f; }
