// A code page that a PMP boundary cuts (privileged spec 3.7.1.3: every
// fetch is checked): the executable half runs, loops and branches included,
// and execution that falls over the boundary faults at the first
// instruction, or parcel, past it. Ours only: QEMU 7.2 checks a run of
// sequential fetches at its start and lets such code run on.
#include "rvtest.h"

#define R 0x01
#define W 0x02
#define X 0x04
#define NAPOT 0x18
#define CFG(entry, v) ((v) << (8 * ((entry) % 8)))

  .text
  .globl main
main:
  // 0 and 1 NAPOT the second halves (2 KiB) of cut_a and cut_b, R;
  // 2 NAPOT everything, R W X.
  la t0, cut_a + 0x800
  srli t0, t0, 2
  ori t0, t0, 2048 / 8 - 1
  csrw pmpaddr0, t0
  la t0, cut_b + 0x800
  srli t0, t0, 2
  ori t0, t0, 2048 / 8 - 1
  csrw pmpaddr1, t0
  li t0, -1
  csrw pmpaddr2, t0
  li t0, CFG(0, NAPOT | R) | CFG(1, NAPOT | R) | CFG(2, NAPOT | R | W | X)
  csrw pmpcfg0, t0
  GOTO_S
  // The first half runs, backward branches and all: 10 + 9 + ... + 1.
  TEST_CASE(1, a0, 55, la a1, cut_a; jalr a1)
  // Falling through from the last instructions of the first half.
  la s1, a_high
  EXPECT_TRAP(2, 3, CAUSE_FETCH_ACCESS, la a1, a_last; jalr a1)
  CHECK_TVAL_REG(3, s1)
  CHECK_EPC_LABEL(4, a_high)
  // A 4-byte instruction whose second parcel lies past the boundary:
  // mepc is the instruction, mtval the parcel that faulted.
  la s2, cut_b + 0x800
  EXPECT_TRAP(5, 3, CAUSE_FETCH_ACCESS, la a1, b_last; jalr a1)
  CHECK_TVAL_REG(6, s2)
  CHECK_EPC_LABEL(7, b_straddle)
  // Again, now that the page has been run from: nothing cached lets it on.
  EXPECT_TRAP(8, 3, CAUSE_FETCH_ACCESS, la a1, a_last; jalr a1)
  TEST_CASE(9, a0, 55, la a1, cut_a; jalr a1)
  // The same from M-mode, which no entry binds.
  ENTER_M
  TEST_CASE(10, a0, 1, la a1, a_last; jalr a1)
  PASS

  .align 12
cut_a:
  li a0, 0
  li a1, 10
1:
  add a0, a0, a1
  addi a1, a1, -1
  bnez a1, 1b
  ret
  .org cut_a + 0x7f8
  .option push
  .option norvc
a_last:
  nop                       // 0x7f8 and 0x7fc: the end of the first half
  nop
a_high:                     // 0x800
  li a0, 1
  ret
  .option pop

  .align 12
cut_b:
  ret
  .org cut_b + 0x7fc
b_last:
  c.nop                     // 0x7fc
  .option push
  .option norvc
b_straddle:
  addi a0, a0, 1            // 0x7fe..0x801
  ret
  .option pop
  .align 12
