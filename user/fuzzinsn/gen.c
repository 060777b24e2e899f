// The random code and the registers it starts with. Random 32-bit words
// are mostly illegal instructions, which stop a child at its first word;
// so most words here are real encodings (the opcode and function fields
// chosen from the ISA's, registers and immediates left random), with a
// share of raw words and of compressed ones, which are dense enough that
// random halfwords are mostly valid.
#include "user/fuzzinsn/fi.h"

// RV64 opcodes (the spec's base opcode map, inst[6:0]).
#define OP_LOAD     0x03
#define OP_MISCMEM  0x0f
#define OP_IMM      0x13
#define OP_AUIPC    0x17
#define OP_IMM32    0x1b
#define OP_STORE    0x23
#define OP_AMO      0x2f
#define OP_OP       0x33
#define OP_LUI      0x37
#define OP_OP32     0x3b
#define OP_BRANCH   0x63
#define OP_JALR     0x67
#define OP_JAL      0x6f
#define OP_SYSTEM   0x73

#define F3(x)  ((uint32)(x) << 12)
#define F7(x)  ((uint32)(x) << 25)
#define MASK_OP  0x7fU
#define MASK_F3  (7U << 12)
#define MASK_F7  (0x7fU << 25)

// Whole instructions of the SYSTEM opcode with no operands.
static const uint32 system_words[] = {
  0x00000073,   // ecall
  0x00100073,   // ebreak
  0x10500073,   // wfi
  0x10200073,   // sret
  0x30200073,   // mret
  0x00200073,   // uret (not in the spec any more: illegal)
  0x7b200073,   // dret
  0x12000073,   // sfence.vma zero, zero
};

// CSRs worth touching from user mode: the user counters (time allowed by
// scounteren, cycle and instret not), the absent float CSRs, and
// supervisor and machine CSRs that must all be illegal here.
static const uint16 csrs[] = {
  0xc00, 0xc01, 0xc02, 0xc03, 0xc80, 0x001, 0x002, 0x003,
  0x100, 0x104, 0x105, 0x106, 0x140, 0x141, 0x142, 0x143, 0x144, 0x180,
  0x14d,  // stimecmp (Sstc)
  0x300, 0x301, 0x302, 0x303, 0x304, 0x305, 0x340, 0x341, 0x342, 0x343, 0x344,
  0x3a0, 0x3b0, 0xf11, 0xf12, 0xf13, 0xf14, 0x7b0, 0x7b1,
};

// AMO funct5 values (lr, sc, swap, add, xor, and, or, min, max, minu, maxu).
static const uint8 amos[] = { 0x02, 0x03, 0x01, 0x00, 0x04, 0x0c, 0x08, 0x10, 0x14, 0x18, 0x1c };

static uint32
set(uint32 r, uint32 mask, uint32 bits)
{
  return (r & ~mask) | bits;
}

static uint32
pick(uint64 *rng, const void *table, int n, int width)
{
  int i = rnd_below(rng, n);
  return width == 1 ? ((const uint8 *)table)[i] :
         width == 2 ? ((const uint16 *)table)[i] : ((const uint32 *)table)[i];
}

// A branch or jump that mostly lands near, forwards or back, in the page;
// sometimes anywhere its immediate reaches.
static uint32
branch(uint64 *rng, uint32 r)
{
  r = set(r, MASK_OP | MASK_F3, OP_BRANCH | F3(rnd_below(rng, 8)));
  if(rnd_chance(rng, 70)){
    // imm[4:1] in bits 11:8, imm[10:5] in 30:25, sign in 31: +-64 bytes.
    r &= ~(0xfU << 8 | 0x3fU << 25 | 1U << 31 | 1U << 7);
    r |= (uint32)rnd_below(rng, 16) << 8 | (uint32)rnd_below(rng, 2) << 25;
    if(rnd_chance(rng, 40))
      r |= 1U << 31 | 0x3fU << 25 | 1U << 7;   // negative
  }
  return r;
}

static uint32
jal(uint64 *rng, uint32 r)
{
  r = set(r, MASK_OP, OP_JAL);
  if(rnd_chance(rng, 70)){
    // imm[5:1] only (bits 25:21): +-64 bytes; a negative one sets the
    // sign (bit 31) and every higher bit of the immediate with it.
    r &= 0xfff;
    r |= (uint32)rnd_below(rng, 32) << 21;
    if(rnd_chance(rng, 40))
      r |= 1U << 31 | 0x3e0U << 21 | 0xffU << 12 | 1U << 20;
  }
  return r;
}

// One 32-bit instruction.
static uint32
insn32(uint64 *rng)
{
  uint32 r = rnd(rng);
  int k = rnd_below(rng, 100);
  if(k < 14){
    r = set(r, MASK_OP, OP_IMM);
    if(((r >> 12) & 3) == 1)   // slli, srli/srai: shamt[5:0], then 0 or 0x10
      r = set(r, 0x3fU << 26, rnd_chance(rng, 50) ? 0x10U << 26 : 0);
    return r;
  }
  if(k < 19)
    return set(r, MASK_OP | MASK_F3, OP_IMM32 | F3(pick(rng, (uint8[]){0, 1, 5}, 3, 1)));
  if(k < 31)
    return set(r, MASK_OP | MASK_F7, OP_OP | F7(pick(rng, (uint8[]){0, 0x20, 1}, 3, 1)));
  if(k < 36)
    return set(r, MASK_OP | MASK_F7, OP_OP32 | F7(pick(rng, (uint8[]){0, 0x20, 1}, 3, 1)));
  if(k < 40)
    return set(r, MASK_OP, rnd_chance(rng, 50) ? OP_LUI : OP_AUIPC);
  if(k < 51)
    return set(r, MASK_OP, OP_LOAD);
  if(k < 61)
    return set(r, MASK_OP | MASK_F3, OP_STORE | F3(rnd_below(rng, 4)));
  if(k < 69)
    return branch(rng, r);
  if(k < 72)
    return jal(rng, r);
  if(k < 74)
    return set(r, MASK_OP | MASK_F3, OP_JALR);
  if(k < 79)
    return set(r, MASK_OP | MASK_F3 | 0x1fU << 27,
               OP_AMO | F3(2 + rnd_below(rng, 2)) | pick(rng, amos, sizeof(amos), 1) << 27);
  if(k < 81)
    return set(r, MASK_OP | MASK_F3, OP_MISCMEM | F3(rnd_below(rng, 2)));   // fence, fence.i
  if(k < 88)
    return pick(rng, system_words, NELEM(system_words), 4);
  if(k < 95){
    uint32 f3 = pick(rng, (uint8[]){1, 2, 3, 5, 6, 7}, 6, 1);
    uint32 csr = rnd_chance(rng, 80) ? pick(rng, csrs, NELEM(csrs), 2) : rnd_below(rng, 4096);
    return (r & 0x000f8f80) | csr << 20 | F3(f3) | OP_SYSTEM;
  }
  return r;   // raw
}

uint64
gen_code(uint8 *code, int size, uint64 *rng)
{
  uint64 n = 0;
  int off = 0;
  while(off < size){
    if(off + 4 > size || rnd_chance(rng, 25)){
      uint16 h = rnd(rng);
      if((h & 3) == 3)
        h &= ~1;   // a compressed quadrant, not the 32-bit one
      code[off] = h;
      code[off + 1] = h >> 8;
      off += 2;
    } else {
      uint32 w = insn32(rng);
      for(int i = 0; i < 4; i++)
        code[off + i] = w >> (8 * i);
      off += 4;
    }
    n++;
  }
  return n;
}

// Addresses no user access may reach, or that straddle something.
static const uint64 hostile[] = {
  0, 1, 0xfff, 0x1000,
  0x80000000ULL, 0x80200000ULL, 0x87fff000ULL, 0x88000000ULL,
  0x10000000ULL, 0x0c000000ULL, 0x02000000ULL,       // UART, PLIC, CLINT
  0x3fffffe000ULL, 0x3ffffff000ULL,                   // trapframe, trampoline
  0x4000000000ULL, 0x3fffffffffULL, 0x7fffffffffULL,
  0xffffffc000000000ULL, 0xffffffff80000000ULL, ~0ULL, ~0ULL - 7,
  0x8000000000000000ULL, 0x7fffffffffffffffULL,
};

static uint8 data_area[512];

void
gen_regs(uint64 regs[32], uint64 *rng)
{
  uint64 here = (uint64)&here;   // a stack address (the child's stack too)
  regs[0] = 0;
  for(int i = 1; i < 32; i++){
    int k = rnd_below(rng, 100);
    if(k < 30)
      regs[i] = rnd(rng);
    else if(k < 50)
      regs[i] = rnd_below(rng, 129) - 64;
    else if(k < 60)
      regs[i] = (uint64)fuzzcode + rnd_below(rng, CODESIZE);
    else if(k < 68)
      regs[i] = here + rnd_below(rng, 256) - 128;
    else if(k < 75)
      regs[i] = (uint64)data_area + rnd_below(rng, sizeof(data_area));
    else
      regs[i] = hostile[rnd_below(rng, NELEM(hostile))] + rnd_below(rng, 3) * 8;
  }
  // A random kill(2) with a small pid could hit the fuzzer itself.
  if(regs[17] == 6)   // a7, SYS_kill
    regs[17] = 0;
}
