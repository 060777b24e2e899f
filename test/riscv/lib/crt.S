// Start-up, default trap handlers and the pass/fail report shared by every
// test program. Built twice: as crt.o (reports through the QEMU test
// finisher) and as crt-tohost.o (-DREPORT_TOHOST: through the HTIF tohost
// word, which only our emulator watches).
//
// Every hart enters _start in M-mode with a0 = hartid and a1 = FDT address.
// Hart 0 runs `main`; the others run `smp_main` if the program defines it
// and park in WFI otherwise. Both start with a0, a1 as they came, tp = hartid,
// sp = the hart's own stack, gp = 0.
#include "rvtest.h"

// Frame the handlers save on their per-hart trap stack: ra, t0-t6, a0-a7.
#define FRAME_SIZE (16 * 8)
#define F_A6 (14 * 8)
#define F_A7 (15 * 8)

.macro SAVE_REGS
  addi sp, sp, -FRAME_SIZE
  sd ra, 0(sp);  sd t0, 8(sp);  sd t1, 16(sp); sd t2, 24(sp)
  sd t3, 32(sp); sd t4, 40(sp); sd t5, 48(sp); sd t6, 56(sp)
  sd a0, 64(sp); sd a1, 72(sp); sd a2, 80(sp); sd a3, 88(sp)
  sd a4, 96(sp); sd a5, 104(sp); sd a6, 112(sp); sd a7, 120(sp)
.endm
.macro RESTORE_REGS
  ld ra, 0(sp);  ld t0, 8(sp);  ld t1, 16(sp); ld t2, 24(sp)
  ld t3, 32(sp); ld t4, 40(sp); ld t5, 48(sp); ld t6, 56(sp)
  ld a0, 64(sp); ld a1, 72(sp); ld a2, 80(sp); ld a3, 88(sp)
  ld a4, 96(sp); ld a5, 104(sp); ld a6, 112(sp); ld a7, 120(sp)
  addi sp, sp, FRAME_SIZE
.endm

  .section .text.init, "ax"
  .globl _start
_start:
  li gp, 0          // gp is a check number here, never the ABI global pointer
  mv tp, a0
  // Stacks: hart h uses [stacks + h*STACK_SIZE, +STACK_SIZE).
  addi t0, a0, 1
  li t1, STACK_SIZE
  mul t0, t0, t1
  la sp, stacks
  add sp, sp, t0
  la t2, m_trap_stacks
  add t2, t2, t0
  csrw mscratch, t2
  la t2, s_trap_stacks
  add t2, t2, t0
  csrw sscratch, t2
  la t0, m_trap
  csrw mtvec, t0
  csrw medeleg, zero
  csrw mideleg, zero
  csrw mie, zero
  csrw satp, zero
  // QEMU denies S and U every access unless a PMP entry matches: one NAPOT
  // entry over the whole address space, RWX.
  li t0, -1
  csrw pmpaddr0, t0
  li t0, 0x1f
  csrw pmpcfg0, t0
  // mtimecmp resets to 0 (a timer interrupt pending): push it out of reach.
  li t0, CLINT_BASE + CLINT_MTIMECMP
  slli t1, a0, 3
  add t0, t0, t1
  li t1, -1
  sd t1, 0(t0)
  // Let S and U read cycle, time and instret.
  li t0, 7
  csrw mcounteren, t0
  csrw scounteren, t0
  la t0, boot_a1
  slli t1, a0, 3
  add t0, t0, t1
  sd a1, 0(t0)
  bnez a0, 1f
  j main
1:
  la t0, smp_main
  beqz t0, park
  jr t0

  .globl park
park:
  csrw mie, zero
1:
  wfi
  j 1b

  .text
// The M-mode handler: interrupts go to `m_irq(cause)` (a program's own,
// called with the C calling convention on the trap stack); ENTER_M ecalls
// continue at a6 in M; any other exception is recorded in the hart's trap
// record and resumes at TREC_RESUME, or fails the current check.
  .align 2
  .globl m_trap
m_trap:
  csrrw sp, mscratch, sp
  SAVE_REGS
  csrr a0, mcause
  bgez a0, m_exception
  la t0, m_irq
  beqz t0, m_unexpected
  jalr t0
  j m_return
m_exception:
  li t0, CAUSE_ECALL_U
  beq a0, t0, m_ecall
  li t0, CAUSE_ECALL_S
  beq a0, t0, m_ecall
  li t0, CAUSE_ECALL_M
  beq a0, t0, m_ecall
m_record:
  TREC_ADDR
  sd a0, TREC_CAUSE(t5)
  csrr t0, mtval
  sd t0, TREC_TVAL(t5)
  csrr t0, mepc
  sd t0, TREC_EPC(t5)
  li t0, 3
  sd t0, TREC_LEVEL(t5)
  csrr t0, mstatus
  sd t0, TREC_STATUS(t5)
  ld t0, TREC_COUNT(t5)
  addi t0, t0, 1
  sd t0, TREC_COUNT(t5)
  ld t0, TREC_RESUME(t5)
  beqz t0, m_unexpected
  csrw mepc, t0
m_return:
  RESTORE_REGS
  csrrw sp, mscratch, sp
  mret
m_ecall:
  ld t1, F_A7(sp)
  li t0, ENTER_M_MAGIC
  bne t1, t0, m_record
  ld t0, F_A6(sp)
  csrw mepc, t0
  li t0, MSTATUS_MPP
  csrs mstatus, t0
  li t0, MSTATUS_MPIE       // M-mode code runs with interrupts off until it says
  csrc mstatus, t0
  j m_return
m_unexpected:
  // An exception nobody expected: the check under way (gp) has failed.
  j m_fail

// The S-mode handler: the same, for what medeleg/mideleg send to S; an
// ENTER_M ecall is passed on to M by an ecall of its own.
  .align 2
  .globl s_trap
s_trap:
  csrrw sp, sscratch, sp
  SAVE_REGS
  csrr a0, scause
  bgez a0, s_exception
  la t0, s_irq
  beqz t0, s_unexpected
  jalr t0
  j s_return
s_exception:
  addi t0, a0, -CAUSE_ECALL_U
  beqz t0, s_ecall
  addi t0, a0, -CAUSE_ECALL_S
  beqz t0, s_ecall
s_record:
  TREC_ADDR
  sd a0, TREC_CAUSE(t5)
  csrr t0, stval
  sd t0, TREC_TVAL(t5)
  csrr t0, sepc
  sd t0, TREC_EPC(t5)
  li t0, 1
  sd t0, TREC_LEVEL(t5)
  csrr t0, sstatus
  sd t0, TREC_STATUS(t5)
  ld t0, TREC_COUNT(t5)
  addi t0, t0, 1
  sd t0, TREC_COUNT(t5)
  ld t0, TREC_RESUME(t5)
  beqz t0, s_unexpected
  csrw sepc, t0
s_return:
  RESTORE_REGS
  csrrw sp, sscratch, sp
  sret
s_ecall:
  ld t1, F_A7(sp)
  li t0, ENTER_M_MAGIC
  bne t1, t0, s_record
  RESTORE_REGS
  csrrw sp, sscratch, sp
  ecall
s_unexpected:
  RESTORE_REGS
  csrrw sp, sscratch, sp
  j fail

// pass and fail may be reached in any mode: they first return to M.
  .globl pass, fail
pass:
  la a6, m_pass
  li a7, ENTER_M_MAGIC
  ecall
fail:
  la a6, m_fail
  li a7, ENTER_M_MAGIC
  ecall

  .globl m_pass, m_fail
#ifdef REPORT_TOHOST
m_pass:
  li t0, 1
  j report
m_fail:
  jal t3, print_failure
  slli t0, gp, 1
  ori t0, t0, 1
report:
  la t1, tohost
  fence
  sd t0, 0(t1)
1:
  j 1b
#else
m_pass:
  li t0, FINISHER_PASS
  j report
m_fail:
  jal t3, print_failure
  slli t0, gp, 16
  li t1, FINISHER_FAIL
  or t0, t0, t1
report:
  li t1, FINISHER_BASE
  fence
  sw t0, 0(t1)
1:
  j 1b
#endif

// Says on UART0 which check failed and what a0 and t6 (the value under
// test and the expected one, in the TEST_CASE macros) held. Returns to t3.
print_failure:
  mv s10, a0
  mv s11, t6
  la a0, msg_check
  jal t2, uart_puts
  mv a0, gp
  jal t2, uart_dec
  la a0, msg_a0
  jal t2, uart_puts
  mv a0, s10
  jal t2, uart_hex
  la a0, msg_t6
  jal t2, uart_puts
  mv a0, s11
  jal t2, uart_hex
  li a0, '\n'
  jal t2, uart_putc
  jr t3

// uart_putc(a0), uart_puts(a0 = string), uart_hex(a0): return to t2;
// clobber t0, t1, a0-a2.
  .globl uart_putc, uart_puts, uart_hex, uart_dec
uart_putc:
  li t0, UART0_BASE
1:
  lbu t1, 5(t0)             // LSR: wait for THR empty
  andi t1, t1, 0x20
  beqz t1, 1b
  sb a0, 0(t0)
  jr t2
uart_puts:
  mv a1, a0
  mv a2, t2
1:
  lbu a0, 0(a1)
  beqz a0, 2f
  jal t2, uart_putc
  addi a1, a1, 1
  j 1b
2:
  jr a2
uart_hex:
  mv a1, a0
  mv a2, t2
  li a0, '0'
  jal t2, uart_putc
  li a0, 'x'
  jal t2, uart_putc
  li t0, 60
1:
  srl a0, a1, t0
  andi a0, a0, 15
  addi a0, a0, '0'
  li t1, '9'
  ble a0, t1, 2f
  addi a0, a0, 'a' - '9' - 1
2:
  addi sp, sp, -8
  sd t0, 0(sp)
  jal t2, uart_putc
  ld t0, 0(sp)
  addi sp, sp, 8
  addi t0, t0, -4
  bgez t0, 1b
  jr a2

// uart_dec(a0 < 1000), returns to t2.
uart_dec:
  mv a1, a0
  mv a2, t2
  li t0, 100
  blt a1, t0, 1f
  divu a0, a1, t0
  remu a1, a1, t0
  addi a0, a0, '0'
  jal t2, uart_putc
  li t0, 10
  divu a0, a1, t0
  j 2f
1:
  li t0, 10
  divu a0, a1, t0
  beqz a0, 3f
2:
  addi a0, a0, '0'
  jal t2, uart_putc
3:
  li t0, 10
  remu a0, a1, t0
  addi a0, a0, '0'
  jal t2, uart_putc
  jr a2

  .section .rodata
msg_check: .asciz "rvtest: failed check "
msg_a0: .asciz ": a0="
msg_t6: .asciz " t6="

  .text
  .weak smp_main, m_irq, s_irq

  .section .tohost, "aw", @progbits
  .align 6
  .globl tohost, fromhost
tohost: .dword 0
  .align 6
fromhost: .dword 0

  .bss
  .align 6
  .globl trap_rec, boot_a1
trap_rec: .zero TREC_SIZE * MAX_HARTS
boot_a1: .zero 8 * MAX_HARTS
  .align 12
stacks: .zero STACK_SIZE * MAX_HARTS
m_trap_stacks: .zero STACK_SIZE * MAX_HARTS
s_trap_stacks: .zero STACK_SIZE * MAX_HARTS
