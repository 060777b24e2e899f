// Supervisor interrupts: the Sstc timer (stimecmp, enabled by menvcfg.STCE),
// software interrupts through sip, delegation with mideleg, S-level
// priority, and which mode takes what.
#include "rvtest.h"
#include "clint.h"

#define STIMECMP_IN(ticks) rdtime t0; li t1, ticks; add t0, t0, t1; csrw CSR_STIMECMP, t0
#define STIMECMP_OFF       li t0, -1; csrw CSR_STIMECMP, t0

  .text
  .globl main
main:
  la t0, s_trap
  csrw stvec, t0
  // Without menvcfg.STCE, stimecmp is not S's to touch.
  csrw CSR_MENVCFG, zero
  GOTO_S
  EXPECT_TRAP(1, 3, CAUSE_ILLEGAL, csrr a0, CSR_STIMECMP)
  ENTER_M
  li t0, MENVCFG_STCE
  csrs CSR_MENVCFG, t0
  TEST_CASE(2, a0, 1, csrr a0, CSR_MENVCFG; srli a0, a0, 63)
  STIMECMP_OFF

  // Delegated S timer, taken in S: scause = interrupt 5.
  li t0, MIP_STIP | MIP_SSIP
  csrw mideleg, t0
  csrw mie, t0
  GOTO_S
  STIMECMP_OFF
  csrsi sstatus, SSTATUS_SIE
  STIMECMP_IN(1000)
  li gp, 3
  WAIT_COUNT(s_count, 1, 100000000)
  TEST_CASE(4, a0, CAUSE_INTR | IRQ_STI, ld a0, s_log)
  // sip.STIP follows stimecmp and cannot be written.
  csrci sstatus, SSTATUS_SIE
  TEST_CASE(5, a0, MIP_STIP, csrw CSR_STIMECMP, zero; csrr a0, sip; andi a0, a0, MIP_STIP)
  TEST_CASE(6, a0, MIP_STIP, li a1, MIP_STIP; csrc sip, a1; csrr a0, sip; andi a0, a0, MIP_STIP)
  STIMECMP_OFF
  TEST_CASE(7, a0, 0, csrr a0, sip; andi a0, a0, MIP_STIP)
  // S software interrupt raised by S itself.
  csrsi sstatus, SSTATUS_SIE
  csrsi sip, MIP_SSIP
  li gp, 8
  WAIT_COUNT(s_count, 2, 1000000)
  TEST_CASE(9, a0, CAUSE_INTR | IRQ_SSI, ld a0, s_log + 8)
  // Both pending: SSI before STI.
  csrci sstatus, SSTATUS_SIE
  csrw CSR_STIMECMP, zero
  csrsi sip, MIP_SSIP
  csrsi sstatus, SSTATUS_SIE
  li gp, 10
  WAIT_COUNT(s_count, 4, 1000000)
  TEST_CASE(11, a0, CAUSE_INTR | IRQ_SSI, ld a0, s_log + 16)
  TEST_CASE(12, a0, CAUSE_INTR | IRQ_STI, ld a0, s_log + 24)
  csrci sstatus, SSTATUS_SIE
  // In U, S's interrupts are taken even with sstatus.SIE clear.
  csrsi sip, MIP_SSIP
  TEST_CASE(13, a0, 4, lw a0, s_count)
  SGOTO_U
  li gp, 14
  WAIT_COUNT(s_count, 5, 1000000)
  ENTER_M

  // A delegated interrupt never interrupts M, whatever mstatus.MIE says.
  csrsi mstatus, MSTATUS_MIE
  li t0, MIP_SSIP
  csrs mip, t0
  TEST_CASE(15, a0, 5, li a3, 10000; 5: addi a3, a3, -1; bnez a3, 5b; lw a0, s_count)
  TEST_CASE(16, a0, 0, lw a0, m_count)
  csrci mstatus, MSTATUS_MIE
  // ...and is taken as soon as S runs with SIE set.
  GOTO_S
  csrsi sstatus, SSTATUS_SIE
  li gp, 17
  WAIT_COUNT(s_count, 6, 1000000)
  csrci sstatus, SSTATUS_SIE
  ENTER_M

  // Not delegated: the S software interrupt goes to M, even from S with
  // SIE clear and mstatus.MIE clear.
  csrw mideleg, zero
  li t0, MIP_SSIP
  csrs mip, t0
  GOTO_S
  li gp, 18
  WAIT_COUNT(m_count, 1, 1000000)
  ENTER_M
  TEST_CASE(19, a0, CAUSE_INTR | IRQ_SSI, ld a0, m_log)
  // The Sstc timer, not delegated, reaches M as interrupt 5.
  STIMECMP_IN(1000)
  csrsi mstatus, MSTATUS_MIE
  li gp, 20
  WAIT_COUNT(m_count, 2, 100000000)
  csrci mstatus, MSTATUS_MIE
  TEST_CASE(21, a0, CAUSE_INTR | IRQ_STI, ld a0, m_log + 8)
  csrw mie, zero
  PASS

// s_irq / m_irq (a0 = cause): log it, silence the source.
#define IRQ_HANDLER(name, count, log, ipcsr) \
  .globl name; name: \
  lw t0, count; la t1, log; slli t2, t0, 3; add t1, t1, t2; sd a0, 0(t1); \
  addi t0, t0, 1; la t1, count; sw t0, 0(t1); \
  slli a0, a0, 1; srli a0, a0, 1; \
  li t0, IRQ_STI; bne a0, t0, 1f; STIMECMP_OFF; ret; \
  1: li t0, IRQ_SSI; bne a0, t0, 2f; csrci ipcsr, MIP_SSIP; ret; \
  2: j m_fail
  IRQ_HANDLER(s_irq, s_count, s_log, sip)
  IRQ_HANDLER(m_irq, m_count, m_log, mip)

  .data
  .align 3
s_count: .word 0, 0
m_count: .word 0, 0
s_log: .zero 8 * 16
m_log: .zero 8 * 16
