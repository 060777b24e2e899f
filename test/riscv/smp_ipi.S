// IPIs through the CLINT's msip: hart 0 wakes each WFI-parked hart in turn,
// ten rounds, and waits for its answer. Needs 4 harts. Check n (1..3):
// hart n did not answer an IPI, or answered one twice.
#include "rvtest.h"
#include "clint.h"
#include "smp.h"
#define NHARTS 4
#define NROUNDS 10

  .text
  .globl main, smp_main
smp_main:
  li t0, NHARTS
  bgeu a0, t0, park
  // Sleep with only the software interrupt enabled and mstatus.MIE clear:
  // WFI returns when msip is set, no trap is taken.
  li t0, MIP_MSIP
  csrw mie, t0
  la s0, acks
  slli t0, tp, 2
  add s0, s0, t0
1:
  wfi
  csrr t0, mip
  andi t0, t0, MIP_MSIP
  beqz t0, 1b
  MSIP_SET(0)
  li t1, 1
  amoadd.w zero, t1, (s0)
  j 1b

main:
  // Give the other harts time to park, so that the IPI is what wakes them.
  li t0, 1000000
2:
  addi t0, t0, -1
  bnez t0, 2b
  li s1, 1                      // round
3:
  li s2, 1                      // hart
4:
  // msip[s2] = 1
  li t0, CLINT_BASE + CLINT_MSIP
  slli t1, s2, 2
  add t0, t0, t1
  li t1, 1
  sw t1, 0(t0)
  // wait for acks[s2] == round
  mv gp, s2
  la t3, acks
  slli t1, s2, 2
  add t3, t3, t1
  li t2, 100000000
5:
  lw t4, 0(t3)
  beq t4, s1, 6f
  bgt t4, s1, fail              // answered twice to one IPI
  addi t2, t2, -1
  bnez t2, 5b
  j fail
6:
  addi s2, s2, 1
  li t0, NHARTS
  blt s2, t0, 4b
  addi s1, s1, 1
  li t0, NROUNDS
  ble s1, t0, 3b
  // Hart 0's own msip stayed clear.
  TEST_CASE(10, a0, 0, csrr a0, mip; andi a0, a0, MIP_MSIP)
  PASS

  .data
  .align 6
acks: .zero 4 * MAX_HARTS
