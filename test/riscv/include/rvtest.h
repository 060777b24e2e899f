// The vocabulary of the bare-metal test programs: each program is a list of
// numbered checks. A check loads gp with its number, computes, compares with
// the expected value and jumps to `fail` on a mismatch; `fail` reports gp,
// so the exit code (QEMU test finisher) or the tohost word names the check.
//
// Register conventions (crt.S sets them up, the macros rely on them):
//   gp  number of the check under way (never touched by trap handlers)
//   tp  this hart's id
//   t6  scratch of the compare macros
//   a6, a7  clobbered by ENTER_M (an ecall)
#ifndef RVTEST_H
#define RVTEST_H

#include "platform.h"
#include "csr.h"

// a7 value of the ecall that asks the M-mode handler to continue, in M-mode,
// at the address in a6: the way back to M from S or U (never delegate
// ecall-from-S, or the S handler's forwarding ecall would loop).
#define ENTER_M_MAGIC 0x6d6d6d

// Per-hart trap record (crt.S: trap_rec + hartid * TREC_SIZE), written by the
// default M and S handlers for every exception they do not consume.
#define TREC_CAUSE   0
#define TREC_TVAL    8
#define TREC_EPC     16
#define TREC_LEVEL   24   // 3: taken in M, 1: taken in S
#define TREC_STATUS  32   // mstatus (or sstatus) as the handler found it
#define TREC_RESUME  40   // where to continue after an expected trap; 0: fail
#define TREC_COUNT   48   // exceptions recorded so far
#define TREC_SIZE    64

#define STACK_SIZE   4096 // per hart, and again per hart for each trap level

#ifdef __ASSEMBLER__

// t5 = this hart's trap record.
#define TREC_ADDR la t5, trap_rec; slli t6, tp, 6; add t5, t5, t6

// Compare register `reg` with the constant `exp` under check n.
#define CHECK(n, reg, exp) \
  li gp, n; li t6, exp; beq reg, t6, 1f; j fail; 1:

// Run the instructions in ..., then compare `reg` with `exp`.
#define TEST_CASE(n, reg, exp, ...) \
  li gp, n; __VA_ARGS__; li t6, exp; beq reg, t6, 1f; j fail; 1:

// a0 = op(a1, a2) and a0 = op(a1, imm)
#define TEST_RR(n, op, exp, v1, v2) \
  TEST_CASE(n, a0, exp, li a1, v1; li a2, v2; op a0, a1, a2)
#define TEST_RI(n, op, exp, v1, imm) \
  TEST_CASE(n, a0, exp, li a1, v1; op a0, a1, imm)

// The instructions in ... must trap to `level` (3 = M, 1 = S) with mcause or
// scause `cause`; execution continues after them in the mode that trapped.
#define EXPECT_TRAP(n, level, cause, ...) \
  li gp, n; TREC_ADDR; la t6, 2f; sd t6, TREC_RESUME(t5); \
  li t6, -1; sd t6, TREC_CAUSE(t5); \
  __VA_ARGS__; \
  2: TREC_ADDR; sd zero, TREC_RESUME(t5); \
  ld t6, TREC_CAUSE(t5); li t5, cause; beq t5, t6, 3f; j fail; 3: \
  TREC_ADDR; ld t6, TREC_LEVEL(t5); li t5, level; beq t5, t6, 4f; j fail; 4:

// The same where the spec's cause (`cause`) and QEMU 7.2's differ (`alt`).
#define EXPECT_TRAP_OR(n, level, cause, alt, ...) \
  li gp, n; TREC_ADDR; la t6, 2f; sd t6, TREC_RESUME(t5); \
  li t6, -1; sd t6, TREC_CAUSE(t5); \
  __VA_ARGS__; \
  2: TREC_ADDR; sd zero, TREC_RESUME(t5); \
  ld t6, TREC_CAUSE(t5); li t5, cause; beq t5, t6, 3f; li t5, alt; beq t5, t6, 3f; j fail; 3: \
  TREC_ADDR; ld t6, TREC_LEVEL(t5); li t5, level; beq t5, t6, 4f; j fail; 4:

// After EXPECT_TRAP: the recorded xtval / xepc / status.
#define CHECK_TVAL(n, exp)  TREC_ADDR; ld t4, TREC_TVAL(t5); CHECK(n, t4, exp)
#define CHECK_TVAL_REG(n, reg) \
  li gp, n; TREC_ADDR; ld t4, TREC_TVAL(t5); beq t4, reg, 1f; j fail; 1:
#define CHECK_EPC(n, exp)   TREC_ADDR; ld t4, TREC_EPC(t5); CHECK(n, t4, exp)
#define CHECK_EPC_LABEL(n, label) \
  li gp, n; TREC_ADDR; ld t4, TREC_EPC(t5); la t6, label; beq t4, t6, 1f; j fail; 1:
#define LOAD_TRAP_STATUS(reg) TREC_ADDR; ld reg, TREC_STATUS(t5)

// Mode changes. GOTO_S/GOTO_U are for M-mode code, SGOTO_U for S-mode code;
// ENTER_M works from any mode (default handlers only).
#define GOTO_MODE_FROM_M(mpp) \
  li t0, MSTATUS_MPP; csrc mstatus, t0; li t0, mpp; csrs mstatus, t0; \
  la t0, 1f; csrw mepc, t0; mret; 1:
#define GOTO_S GOTO_MODE_FROM_M(MSTATUS_MPP_S)
#define GOTO_U GOTO_MODE_FROM_M(MSTATUS_MPP_U)
#define SGOTO_U li t0, SSTATUS_SPP; csrc sstatus, t0; la t0, 1f; csrw sepc, t0; sret; 1:
#define ENTER_M la a6, 1f; li a7, ENTER_M_MAGIC; ecall; 1:

// Finish: `pass` and `fail` work from any mode.
#define PASS j pass

#endif
#endif
