// Code rewritten after it was decoded and run, by the hart that runs it.
// The interpreter keeps decoded pages keyed by physical page and stamped
// with a write generation (ARCHITECTURE.md, PAGEGEN), with room for a few
// pages per set; this program rewrites code every way it can reach it and
// checks, after FENCE.I, that the new instruction is what runs:
//
//   checks 1-3    a hot function in another page, rewritten by a store
//   checks 4-5    the instruction right after the store and FENCE.I, in
//                 the very page that runs (one round per value)
//   checks 6-7    rewritten by an AMO, and by an SC
//   checks 8-10   a compressed pair replaced by one 32-bit instruction, and
//                 back
//   checks 11-13  copies in three pages that share a set of the decoded-page
//                 cache, called in turn, then one rewritten
//   checks 14-15  Sv39: a page run through one virtual address and written
//                 through another
#include "rvtest.h"
#include "sv39.h"

#define LI_A0(k)   (((k) << 20) | 0x513)   // addi a0, zero, k
#define LI_A0_REG(reg, k) li reg, (k); slli reg, reg, 20; addi reg, reg, 0x513
#define RET        0x00008067              // jalr zero, 0(ra)
#define C_LI_A0_5_C_NOP 0x00014515         // c.li a0,5 then c.nop
#define ROUNDS     200
#define SET_STRIDE (64 * 4096)             // pages this far apart share a set
#define VA_RUN     0x40000000
#define VA_WRITE   0x40001000

  .text
  .globl main
main:
  la t0, s_trap
  csrw stvec, t0

  // A function in its own page, made hot, then rewritten.
  li s1, ROUNDS
1:
  TEST_CASE(1, a0, 1, call hot_fn)
  addi s1, s1, -1
  bnez s1, 1b
  la t0, hot_fn
  li t1, LI_A0(2)
  sw t1, 0(t0)
  fence.i
  TEST_CASE(2, a0, 2, call hot_fn)
  li t1, LI_A0(3)
  sw t1, 0(t0)
  fence.i
  TEST_CASE(3, a0, 3, call hot_fn)

  // The next instruction of the running page, a new value every round.
  li s1, 1
1:
  mv a1, s1
  li gp, 4
  call self_fn
  bne a0, s1, fail
  addi s1, s1, 1
  li t0, ROUNDS
  ble s1, t0, 1b
  CHECK(5, a0, ROUNDS)

  // An AMO adds 1 to the immediate; an SC writes a new instruction.
  la t0, hot_fn
  li t1, 1 << 20
  amoadd.w zero, t1, (t0)
  fence.i
  TEST_CASE(6, a0, 4, call hot_fn)
  LI_A0_REG(t1, 5)
1:
  lr.w t2, (t0)
  sc.w t3, t1, (t0)
  bnez t3, 1b
  fence.i
  TEST_CASE(7, a0, 5, call hot_fn)

  // Two compressed instructions become one 32-bit one, and back.
  TEST_CASE(8, a0, 5, li a0, 0; call mixed_fn)
  la t0, mixed_fn
  li t1, LI_A0(6)
  sw t1, 0(t0)
  fence.i
  TEST_CASE(9, a0, 6, li a0, 0; call mixed_fn)
  li t1, C_LI_A0_5_C_NOP
  sw t1, 0(t0)
  fence.i
  TEST_CASE(10, a0, 5, li a0, 0; call mixed_fn)

  // Three pages of one set: `li a0, k; ret` copied into page k (k = 1..3),
  // called in turn many times, then page 2 rewritten.
  la s2, set_pages
  li s3, 1
1:
  slli t0, s3, 20
  addi t0, t0, 0x513
  li t2, SET_STRIDE   // page k at set_pages + (k - 1) * SET_STRIDE
  addi t3, s3, -1
  mul t2, t2, t3
  add t2, t2, s2
  sw t0, 0(t2)
  li t0, RET
  sw t0, 4(t2)
  addi s3, s3, 1
  li t0, 3
  ble s3, t0, 1b
  fence.i
  li s1, ROUNDS
1:
  li gp, 11
  jalr s2
  li t6, 1
  bne a0, t6, fail
  li t0, SET_STRIDE
  add t0, t0, s2
  jalr t0
  li t6, 2
  bne a0, t6, fail
  li t0, 2 * SET_STRIDE
  add t0, t0, s2
  jalr t0
  li t6, 3
  bne a0, t6, fail
  addi s1, s1, -1
  bnez s1, 1b
  li t0, SET_STRIDE
  add s4, t0, s2
  li t1, LI_A0(7)
  sw t1, 0(s4)
  fence.i
  TEST_CASE(12, a0, 7, jalr s4)
  TEST_CASE(13, a0, 3, li t0, 2 * SET_STRIDE; add t0, t0, s2; jalr t0)

  // Sv39: hot_fn's page at VA_RUN (execute only) and at VA_WRITE (read and
  // write); RAM mapped as it is for everything else.
  RAM_AND_TREE(root, l1, l0, VA_RUN)
  la s0, hot_fn
  SET_PTE(l0, VPN0(VA_RUN), s0, PTE_V | PTE_X | PTE_A)
  SET_PTE(l0, VPN0(VA_WRITE), s0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
  ENABLE_SV39(root)
  GOTO_S
  li s5, VA_RUN
  li s6, VA_WRITE
  li s1, ROUNDS
1:
  TEST_CASE(14, a0, 5, jalr s5)
  addi s1, s1, -1
  bnez s1, 1b
  li t1, LI_A0(8)
  sw t1, 0(s6)
  fence.i
  TEST_CASE(15, a0, 8, jalr s5)
  ENTER_M
  PASS

  // Each function alone at the start of a page, so that a write to it
  // touches no page that main runs in.
  .section .text.smc, "ax"
  .option push
  .option norvc
  .balign 4096
hot_fn:
  li a0, 1
  ret

  .balign 4096
// self_fn(a1): writes `li a0, a1` over its own next instruction, then runs it.
self_fn:
  slli t0, a1, 20
  addi t0, t0, 0x513
  la t1, 1f
  sw t0, 0(t1)
  fence.i
1:
  li a0, 0
  ret

  .balign 4096
mixed_fn:
  .option rvc
  c.li a0, 5
  c.nop
  .option norvc
  ret
  .option pop

  .bss
  PAGE_TABLES(root, l1, l0)
set_pages: .zero 2 * SET_STRIDE + 4096
