// a1 at entry points at a flattened device tree: the big-endian header
// (magic 0xd00dfeed, version 17), blocks inside totalsize, a structure
// block that opens with the root node, and a strings block that names
// "riscv,isa" (so it describes RISC-V harts). Needs 2 harts: both get the
// same a1.
#include "rvtest.h"
#include "clint.h"
#include "smp.h"

// reg = big-endian u32 at off(base). Clobbers t0, t1.
#define LOAD_BE32(reg, base, off) \
  lbu reg, off(base); slli reg, reg, 8; \
  lbu t0, off + 1(base); or reg, reg, t0; slli reg, reg, 8; \
  lbu t0, off + 2(base); or reg, reg, t0; slli reg, reg, 8; \
  lbu t0, off + 3(base); or reg, reg, t0

#define FDT_MAGIC 0xd00dfeed
#define FDT_BEGIN_NODE 1

  .text
  .globl main, smp_main
smp_main:
  la t0, a1_hart1
  sd a1, 0(t0)
  fence
  ATOMIC_INC(hart1_done)
  j park

main:
  mv s0, a1
  TEST_CASE(1, a0, 1, li t0, RAM_BASE; sltu a0, s0, t0; xori a0, a0, 1)  // in RAM
  TEST_CASE(2, a0, 0, andi a0, s0, 7)                                     // 8-aligned
  LOAD_BE32(s1, s0, 0)
  CHECK(3, s1, FDT_MAGIC)
  LOAD_BE32(s2, s0, 4)                      // totalsize
  TEST_CASE(4, a0, 1, sltiu a0, s2, 41; xori a0, a0, 1)
  LOAD_BE32(s3, s0, 8)                      // off_dt_struct
  LOAD_BE32(s4, s0, 12)                     // off_dt_strings
  LOAD_BE32(s5, s0, 16)                     // off_mem_rsvmap
  LOAD_BE32(s6, s0, 20)                     // version
  CHECK(5, s6, 17)
  LOAD_BE32(s7, s0, 24)                     // last_comp_version
  CHECK(6, s7, 16)
  TEST_CASE(7, a0, 1, sltu a0, s3, s2)
  TEST_CASE(8, a0, 1, sltu a0, s4, s2)
  TEST_CASE(9, a0, 1, sltu a0, s5, s2)
  LOAD_BE32(s8, s0, 32)                     // size_dt_strings
  LOAD_BE32(s9, s0, 36)                     // size_dt_struct
  TEST_CASE(10, a0, 1, add a1, s4, s8; sltu a0, s2, a1; xori a0, a0, 1)
  TEST_CASE(11, a0, 1, add a1, s3, s9; sltu a0, s2, a1; xori a0, a0, 1)
  // The structure block starts with FDT_BEGIN_NODE and the root's empty name.
  add s10, s0, s3
  LOAD_BE32(a0, s10, 0)
  CHECK(12, a0, FDT_BEGIN_NODE)
  TEST_CASE(13, a0, 0, lbu a0, 4(s10))
  // "riscv,isa" is among the property names.
  li gp, 14
  add a0, s0, s4                            // strings block
  add a1, a0, s8                            // its end
1:
  la a2, name_isa
  mv a3, a0
2:
  lbu t0, 0(a2)
  beqz t0, 3f                               // whole name matched
  bgeu a3, a1, fail
  lbu t1, 0(a3)
  bne t0, t1, 4f
  addi a2, a2, 1
  addi a3, a3, 1
  j 2b
4:
  addi a0, a0, 1
  bltu a0, a1, 1b
  j fail
3:
  // Hart 1 saw the same address.
  li gp, 15
  WAIT_COUNT(hart1_done, 1, 100000000)
  TEST_CASE(16, a0, 0, ld a1, a1_hart1; sub a0, a1, s0)
  PASS

  .section .rodata
name_isa: .asciz "riscv,isa"

  .data
  .align 3
a1_hart1: .dword 0
hart1_done: .word 0
