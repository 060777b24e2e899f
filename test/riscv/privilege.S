// Privilege transitions: what MRET and SRET do to mstatus, the sstatus,
// sie and sip views of M's registers, and the TSR, TW and TVM traps.
#include "rvtest.h"
#define MSTATUS_M_ONLY (MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR)
  .text
  .globl main
main:
  la t0, s_trap
  csrw stvec, t0
  // MRET: MIE <- MPIE, MPIE <- 1, MPP <- U (least privileged), pc <- mepc.
  li t0, MSTATUS_MIE | MSTATUS_MPP
  csrc mstatus, t0
  li t0, MSTATUS_MPIE | MSTATUS_MPP_M
  csrs mstatus, t0
  la t0, 5f
  csrw mepc, t0
  li gp, 1
  mret
  j fail
5:
  csrr s0, mstatus
  TEST_CASE(2, a0, MSTATUS_MIE | MSTATUS_MPIE, li a1, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP; and a0, s0, a1)
  csrc mstatus, MSTATUS_MIE
  // MPIE = 0 before MRET: MIE ends 0, MPIE 1.
  li t0, MSTATUS_MPIE
  csrc mstatus, t0
  li t0, MSTATUS_MPP_M
  csrs mstatus, t0
  la t0, 5f
  csrw mepc, t0
  mret
5:
  csrr s0, mstatus
  TEST_CASE(3, a0, MSTATUS_MPIE, li a1, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP; and a0, s0, a1)
  // A trap into M: MPIE <- MIE, MIE <- 0, MPP <- the mode that trapped.
  csrs mstatus, MSTATUS_MIE
  li a7, 0
  EXPECT_TRAP(4, 3, CAUSE_ECALL_M, ecall)
  LOAD_TRAP_STATUS(s0)
  TEST_CASE(5, a0, MSTATUS_MPIE | MSTATUS_MPP_M, li a1, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP; and a0, s0, a1)
  csrc mstatus, MSTATUS_MIE

  // SRET: SIE <- SPIE, SPIE <- 1, SPP <- U.
  GOTO_S
  li t0, SSTATUS_SPIE | SSTATUS_SPP
  csrs sstatus, t0
  csrc sstatus, SSTATUS_SIE
  la t0, 5f
  csrw sepc, t0
  sret
5:
  csrr s0, sstatus
  TEST_CASE(6, a0, SSTATUS_SIE | SSTATUS_SPIE, li a1, SSTATUS_SIE | SSTATUS_SPIE | SSTATUS_SPP; and a0, s0, a1)
  csrc sstatus, SSTATUS_SIE
  // sstatus shows none of M's fields, and writing all ones leaves them.
  ENTER_M
  li t0, MSTATUS_MPIE | MSTATUS_TW
  csrs mstatus, t0
  csrr s1, mstatus
  GOTO_S
  csrr s0, sstatus
  TEST_CASE(7, a0, 0, li a1, MSTATUS_M_ONLY; and a0, s0, a1)
  // (All ones in the low word: QEMU 7.2 lets UXL be written.)
  li t0, 0xffffffff
  csrs sstatus, t0
  csrc sstatus, t0
  csrr s0, sstatus
  // UXL reads 2 (64-bit U).
  TEST_CASE(8, a0, 2, srli a0, s0, 32; andi a0, a0, 3)
  ENTER_M
  csrr s2, mstatus
  TEST_CASE(9, a0, 0, li a1, MSTATUS_M_ONLY & ~MSTATUS_MPP; and a2, s1, a1; and a3, s2, a1; sub a0, a2, a3)
  li t0, MSTATUS_TW
  csrc mstatus, t0
  // SUM and MXR are S-visible: set through sstatus, seen in mstatus.
  GOTO_S
  li t0, SSTATUS_SUM | SSTATUS_MXR
  csrs sstatus, t0
  ENTER_M
  TEST_CASE(10, a0, MSTATUS_SUM | MSTATUS_MXR, csrr a0, mstatus; li a1, MSTATUS_SUM | MSTATUS_MXR; and a0, a0, a1)
  csrc mstatus, a1

  // sie and sip are mie and mip seen through mideleg.
  li t0, MIP_SSIP | MIP_STIP | MIP_SEIP
  csrw mideleg, t0
  csrw mie, zero
  li t0, -1
  csrw sie, t0
  TEST_CASE(11, a0, MIP_SSIP | MIP_STIP | MIP_SEIP, csrr a0, mie)
  TEST_CASE(12, a0, MIP_SSIP | MIP_STIP | MIP_SEIP, csrr a0, sie)
  li t0, MIP_MSIP | MIP_MTIP
  csrs mie, t0
  TEST_CASE(13, a0, MIP_SSIP | MIP_STIP | MIP_SEIP, csrr a0, sie)
  csrw mie, zero
  // S may raise its own software interrupt through sip.SSIP; M sees it in mip.
  TEST_CASE(14, a0, MIP_SSIP, csrsi sip, MIP_SSIP; csrr a0, mip; andi a0, a0, MIP_SSIP)
  TEST_CASE(15, a0, MIP_SSIP, csrr a0, sip; andi a0, a0, MIP_SSIP)
  TEST_CASE(16, a0, 0, csrci sip, MIP_SSIP; csrr a0, mip; andi a0, a0, MIP_SSIP)
  csrw mideleg, zero
  TEST_CASE(17, a0, 0, csrr a0, sie)

  // TSR: SRET in S traps to M. TW: WFI in S traps. TVM: satp and
  // SFENCE.VMA in S trap. Each is harmless in S once cleared.
  li t0, MSTATUS_TSR
  csrs mstatus, t0
  GOTO_S
  EXPECT_TRAP(18, 3, CAUSE_ILLEGAL, sret)
  CHECK_TVAL(19, 0x10200073)
  ENTER_M
  li t0, MSTATUS_TSR | MSTATUS_TW
  csrc mstatus, t0
  csrs mstatus, t0
  li t0, MSTATUS_TSR
  csrc mstatus, t0
  GOTO_S
  EXPECT_TRAP(20, 3, CAUSE_ILLEGAL, wfi)
  ENTER_M
  li t0, MSTATUS_TW
  csrc mstatus, t0
  li t0, MSTATUS_TVM
  csrs mstatus, t0
  GOTO_S
  EXPECT_TRAP(21, 3, CAUSE_ILLEGAL, csrr a0, satp)
  EXPECT_TRAP(22, 3, CAUSE_ILLEGAL, csrw satp, zero)
  EXPECT_TRAP(23, 3, CAUSE_ILLEGAL, sfence.vma)
  ENTER_M
  li t0, MSTATUS_TVM
  csrc mstatus, t0
  GOTO_S
  TEST_CASE(24, a0, 0, csrr a0, satp; sfence.vma)
  // WFI in S with TW clear returns once an interrupt is pending in sie,
  // even with sstatus.SIE clear (then no trap is taken).
  ENTER_M
  li t0, MIP_SSIP
  csrw mideleg, t0
  csrw mie, t0
  csrs mip, t0
  GOTO_S
  TEST_CASE(25, a0, 1, csrci sstatus, SSTATUS_SIE; wfi; li a0, 1)
  ENTER_M
  li t0, MIP_SSIP
  csrc mip, t0
  csrw mie, zero
  csrw mideleg, zero
  // SRET from S to S with TSR clear works (SPP = S).
  GOTO_S
  TEST_CASE(26, a0, 7, li t0, SSTATUS_SPP; csrs sstatus, t0; la t0, 5f; csrw sepc, t0; sret; li a0, 1; 5: li a0, 7)
  ENTER_M
  PASS
