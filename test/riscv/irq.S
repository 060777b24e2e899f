// M-mode interrupts from the CLINT: the machine timer (mtimecmp), software
// interrupts (msip), their priority, vectored mtvec, WFI wake-up, and
// interrupts that reach M while U runs with mstatus.MIE clear.
#include "rvtest.h"
#include "clint.h"

  .text
  .globl main
main:
  // mtime runs, and the time CSR reads the same clock.
  READ_MTIME(s0)
  rdtime s1
  READ_MTIME(s2)
  TEST_CASE(1, a0, 1, sltu a0, s2, s0; xori a0, a0, 1)
  TEST_CASE(2, a0, 0, sltu a0, s1, s0)
  TEST_CASE(3, a0, 0, sltu a0, s2, s1)
  TEST_CASE(4, a0, 1, li a3, 100000; 5: addi a3, a3, -1; bnez a3, 5b; READ_MTIME(a1); sltu a0, s2, a1)
  // mip.MTIP follows mtime >= mtimecmp; mip.MSIP follows msip.
  TIMER_NOW
  TEST_CASE(5, a0, MIP_MTIP, csrr a0, mip; andi a0, a0, MIP_MTIP)
  TIMER_OFF
  TEST_CASE(6, a0, 0, csrr a0, mip; andi a0, a0, MIP_MTIP)
  MSIP_SET(1)
  TEST_CASE(7, a0, MIP_MSIP, csrr a0, mip; andi a0, a0, MIP_MSIP)
  MSIP_SET(0)
  TEST_CASE(8, a0, 0, csrr a0, mip; andi a0, a0, MIP_MSIP)

  // A timer interrupt a little in the future.
  li t0, MIP_MTIP
  csrw mie, t0
  csrsi mstatus, MSTATUS_MIE
  TIMER_IN(1000)
  li gp, 9
  WAIT_COUNT(irq_count, 1, 100000000)
  TEST_CASE(10, a0, CAUSE_INTR | IRQ_MTI, ld a0, irq_log)
  // A software interrupt to itself.
  li t0, MIP_MSIP
  csrs mie, t0
  MSIP_SET(1)
  li gp, 11
  WAIT_COUNT(irq_count, 2, 1000000)
  TEST_CASE(12, a0, CAUSE_INTR | IRQ_MSI, ld a0, irq_log + 8)
  // Both pending when MIE turns on: software before timer.
  csrci mstatus, MSTATUS_MIE
  MSIP_SET(1)
  TIMER_NOW
  csrsi mstatus, MSTATUS_MIE
  li gp, 13
  WAIT_COUNT(irq_count, 4, 1000000)
  TEST_CASE(14, a0, CAUSE_INTR | IRQ_MSI, ld a0, irq_log + 16)
  TEST_CASE(15, a0, CAUSE_INTR | IRQ_MTI, ld a0, irq_log + 24)
  // mie masks: a pending timer with MTIE clear is not taken.
  csrw mie, zero
  TIMER_NOW
  TEST_CASE(16, a0, 4, li a3, 10000; 5: addi a3, a3, -1; bnez a3, 5b; lw a0, irq_count)
  TIMER_OFF

  // WFI with MIE clear: wakes when the timer is due, takes no trap.
  csrci mstatus, MSTATUS_MIE
  li t0, MIP_MTIP
  csrw mie, t0
  TIMER_IN(20000)             // 2 ms
  li gp, 17
5:
  wfi
  csrr t0, mip
  andi t0, t0, MIP_MTIP
  beqz t0, 5b
  MTIMECMP_ADDR(t0)
  ld s0, 0(t0)
  TEST_CASE(18, a0, 0, READ_MTIME(a1); sltu a0, a1, s0)   // mtime >= mtimecmp
  TEST_CASE(19, a0, 4, lw a0, irq_count)
  TIMER_OFF

  // In U, M's interrupts are taken even with mstatus.MIE clear.
  TIMER_NOW
  GOTO_U
  li gp, 20
  WAIT_COUNT(irq_count, 5, 1000000)
  ENTER_M
  TEST_CASE(21, a0, CAUSE_INTR | IRQ_MTI, ld a0, irq_log + 32)

  // Vectored mtvec: interrupt i enters at base + 4 * i.
  csrr s4, sscratch
  csrw sscratch, zero
  la t0, vectors
  ori t0, t0, 1
  csrw mtvec, t0
  li t0, MIP_MSIP | MIP_MTIP
  csrw mie, t0
  csrsi mstatus, MSTATUS_MIE
  MSIP_SET(1)
  li gp, 22
  WAIT_COUNT(irq_count, 6, 1000000)
  TEST_CASE(23, a0, IRQ_MSI, csrr a0, sscratch)
  TIMER_NOW
  li gp, 24
  WAIT_COUNT(irq_count, 7, 1000000)
  TEST_CASE(25, a0, IRQ_MTI, csrr a0, sscratch)
  // Exceptions still enter at the base.
  li a7, 0
  EXPECT_TRAP(26, 3, CAUSE_ECALL_M, ecall)
  TEST_CASE(27, a0, IRQ_MTI, csrr a0, sscratch)
  csrci mstatus, MSTATUS_MIE
  csrw mie, zero
  la t0, m_trap
  csrw mtvec, t0
  csrw sscratch, s4
  PASS

// Vectored entries: each notes its number in sscratch, then joins m_trap.
  .align 6
vectors:
  .option push
  .option norvc
  j m_trap
  j m_trap
  j m_trap
  j vec_msi
  j m_trap
  j m_trap
  j m_trap
  j vec_mti
  .option pop
vec_msi:
  csrwi sscratch, IRQ_MSI
  j m_trap
vec_mti:
  csrwi sscratch, IRQ_MTI
  j m_trap

// m_irq(a0 = mcause): log the cause, silence the source.
  .globl m_irq
m_irq:
  lw t0, irq_count
  la t1, irq_log
  slli t2, t0, 3
  add t1, t1, t2
  sd a0, 0(t1)
  addi t0, t0, 1
  la t1, irq_count
  sw t0, 0(t1)
  slli a0, a0, 1
  srli a0, a0, 1
  li t0, IRQ_MTI
  bne a0, t0, 1f
  TIMER_OFF
  ret
1:
  li t0, IRQ_MSI
  bne a0, t0, 2f
  MSIP_SET(0)
  ret
2:
  j m_fail

  .data
  .align 3
irq_count: .word 0, 0
irq_log: .zero 8 * 16
