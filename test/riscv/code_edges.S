// Code at the edges of pages. The interpreter decodes a page at a time and
// runs near branches and jumps inside one page without looking the target
// up again, so the edges are where it can go wrong: a 32-bit instruction
// whose halves lie in two pages, falling through from one page into the
// next, branches and jumps whose target lies just across an edge, auipc at
// the end of a page, and a fetch whose second half lies in an unmapped page
// (an instruction page fault naming that half, with epc at the start).
//
// The code under test lies in pages E0..E8 of its own page-aligned
// section, each piece at a fixed offset (.org) from the section's start:
//
//   E0 +ffa  straddle_fall: c.addi a0,2; c.addi a0,4; then straddle_run
//   E0 +ffe  straddle_run: addi a0,a0,1 (32-bit, halves in E0 and E1); ret
//   E1 +ff8  br_last32: li a0,0; beq a1,a2 -> E2+4 (last word of E1)
//   E2 +ffc  br_last16: c.li a0,0; c.beqz a1 -> E3+2 (last halfword of E2)
//   E3 +ff8  loop_top: two adds, then E4+0: bnez back into E3
//   E4 +ffc  jal_edge: jal -> E5+8
//   E5 +ffe  cj_edge: c.j -> E6+4
//   E6 +ffc  auipc_edge: auipc a0,0; then E7+0: ret
//   E7 +ffe  c_last: c.li a0,5 (reached by jalr); then E8+0: ret
#include "rvtest.h"
#include "sv39.h"

#define VA_EXEC 0x40000000   // Sv39: E0 mapped here, the page after it not
#define ADDI_A0_1_HIGH   0x0015   // upper half of addi a0,a0,1
#define ADDI_A0_256_HIGH 0x1005   // upper half of addi a0,a0,256
#define LOOPS 1000

  .text
  .globl main
main:
  la t0, s_trap
  csrw stvec, t0
  // The straddling instruction, run alone and after two in its page.
  TEST_CASE(1, a0, 1, li a0, 0; call straddle_run)
  TEST_CASE(2, a0, 7, li a0, 0; call straddle_fall)
  // Its upper half rewritten in the second page: the new immediate counts.
  la t0, edges + 0x1000
  li t1, ADDI_A0_256_HIGH
  sh t1, 0(t0)
  fence.i
  TEST_CASE(3, a0, 256, li a0, 0; call straddle_run)
  TEST_CASE(4, a0, 262, li a0, 0; call straddle_fall)
  li t1, ADDI_A0_1_HIGH
  sh t1, 0(t0)
  fence.i
  TEST_CASE(5, a0, 7, li a0, 0; call straddle_fall)

  // A branch in the last word (halfword) of a page to just past the edge,
  // taken and not.
  TEST_CASE(6, a0, 16, li a1, 3; li a2, 3; call br_last32)
  TEST_CASE(7, a0, 17, li a1, 3; li a2, 4; call br_last32)
  TEST_CASE(8, a0, 8, li a1, 0; call br_last16)
  TEST_CASE(9, a0, 9, li a1, 1; call br_last16)
  // A loop whose body falls through an edge and whose branch goes back
  // across it, hot enough for the fast path.
  TEST_CASE(10, a0, LOOPS, li a0, 0; li a1, LOOPS; call loop_top)
  TEST_CASE(11, a0, 64, li a0, 0; call jal_edge)
  TEST_CASE(12, a0, 3, li a0, 0; call cj_edge)
  la s0, auipc_edge
  TEST_CASE(13, a0, 0, call auipc_edge; sub a0, a0, s0)
  la s0, c_last
  TEST_CASE(14, a0, 5, li a0, 0; jalr s0)
  // The same, many times over: the pages are decoded by now.
  li s1, LOOPS
1:
  TEST_CASE(15, a0, 7, li a0, 0; call straddle_fall)
  TEST_CASE(16, a0, 16, li a1, 3; li a2, 3; call br_last32)
  TEST_CASE(17, a0, 9, li a1, 1; call br_last16)
  TEST_CASE(18, a0, 64, li a0, 0; call jal_edge)
  addi s1, s1, -1
  bnez s1, 1b

  // Sv39: E0 at VA_EXEC, and nothing at VA_EXEC + 0x1000. The straddling
  // instruction faults on its second half: tval names that half, epc the
  // instruction. Its first half alone, a compressed one, runs.
  RAM_AND_TREE(root, l1, l0, VA_EXEC)
  la s0, edges
  SET_PTE(l0, VPN0(VA_EXEC), s0, PTE_V | PTE_R | PTE_X | PTE_A)
  ENABLE_SV39(root)
  GOTO_S
  EXPECT_TRAP(19, 3, CAUSE_FETCH_PAGE, li a0, 0; li t0, VA_EXEC + 0xffe; jalr t0)
  CHECK_TVAL(20, VA_EXEC + 0x1000)
  CHECK_EPC(21, VA_EXEC + 0xffe)
  // The same when the instruction is reached by falling through.
  EXPECT_TRAP(22, 3, CAUSE_FETCH_PAGE, li a0, 0; li t0, VA_EXEC + 0xffa; jalr t0)
  CHECK_TVAL(23, VA_EXEC + 0x1000)
  CHECK_EPC(24, VA_EXEC + 0xffe)
  CHECK(25, a0, 6)
  // Delegated to S, and the second page mapped but not executable.
  ENTER_M
  li t0, 1 << CAUSE_FETCH_PAGE
  csrw medeleg, t0
  la s0, edges + 0x1000
  SET_PTE(l0, VPN0(VA_EXEC) + 1, s0, PTE_V | PTE_R | PTE_A)
  GOTO_S
  EXPECT_TRAP(26, 1, CAUSE_FETCH_PAGE, sfence.vma; li t0, VA_EXEC + 0xffe; jalr t0)
  CHECK_TVAL(27, VA_EXEC + 0x1000)
  // Executable: it runs, and returns through the second page.
  ENTER_M
  csrw medeleg, zero
  SET_PTE(l0, VPN0(VA_EXEC) + 1, s0, PTE_V | PTE_R | PTE_X | PTE_A)
  GOTO_S
  TEST_CASE(28, a0, 7, sfence.vma; li a0, 0; li t0, VA_EXEC + 0xffa; jalr t0)
  ENTER_M
  PASS

  .section .text.edges, "ax"
  // Every piece at its offset exactly: no relaxation, and compressed
  // instructions only where written as such.
  .option push
  .option norelax
  .option norvc
  .balign 4096
edges:
  .org 0xffa
straddle_fall:
  .option rvc
  c.addi a0, 2
  c.addi a0, 4
  .option norvc
straddle_run:
  addi a0, a0, 1
  ret

  .org 0x1ff8
br_last32:
  li a0, 0
  beq a1, a2, 1f
  addi a0, a0, 1
1:
  addi a0, a0, 16
  ret

  .org 0x2ffc
br_last16:
  .option rvc
  c.li a0, 0
  c.beqz a1, 1f
  c.addi a0, 1
1:
  c.addi a0, 8
  .option norvc
  ret

  .org 0x3ff8
loop_top:
  addi a0, a0, 1
  addi a1, a1, -1
  bnez a1, loop_top
  ret

  .org 0x4ffc
jal_edge:
  jal zero, 1f
  addi a0, a0, 1
  addi a0, a0, 2
1:
  addi a0, a0, 64
  ret

  .org 0x5ffe
cj_edge:
  .option rvc
  c.j 1f
  c.addi a0, 1
  c.addi a0, 1
1:
  c.addi a0, 3
  .option norvc
  ret

  .org 0x6ffc
auipc_edge:
  auipc a0, 0
  ret

  .org 0x7ffe
c_last:
  .option rvc
  c.li a0, 5
  .option norvc
  ret
  .option pop

  .bss
  PAGE_TABLES(root, l1, l0)
