// The UART's receive interrupt through the PLIC: the test driver writes
// one byte ('Z') to the console; the hart enables RX interrupts in the
// UART's IER, routes IRQ UART0_IRQ to its M context, waits in WFI, claims
// the interrupt in the trap handler, reads the byte and completes.
#include "rvtest.h"
#include "devices.h"
#define CTX 0                     // hart 0, M-mode
#define EXPECTED_BYTE 'Z'

  .text
  .globl main
main:
  // PLIC: priority 1 for the UART, enabled for this context, threshold 0.
  PLIC_ROUTE(UART0_IRQ, CTX)
  TEST_CASE(1, a0, 1, li t0, PLIC_PRIORITY(UART0_IRQ); lw a0, 0(t0))
  TEST_CASE(2, a0, 1 << UART0_IRQ, li t0, PLIC_ENABLE(CTX); lw a0, 0(t0))
  // UART: receive interrupts on (a byte may already be waiting).
  li s0, UART0_BASE
  li t0, 0x0b                     // DTR, RTS, OUT2
  sb t0, UART_MCR(s0)
  li t0, UART_IER_RX
  sb t0, UART_IER(s0)
  TEST_CASE(3, a0, UART_IER_RX, lbu a0, UART_IER(s0); andi a0, a0, 0xf)
  // Say we are ready, so a driver may wait for this before typing.
  la a0, msg_ready
  jal t2, uart_puts
  // Wait with mstatus.MIE clear, so that the interrupt cannot slip in
  // between the check and the WFI; open MIE briefly to take it.
  li t0, MIP_MEIP
  csrw mie, t0
  li gp, 4
1:
  lw t0, got_count
  bnez t0, 2f
  wfi
  csrsi mstatus, MSTATUS_MIE
  csrci mstatus, MSTATUS_MIE
  j 1b
2:
  TEST_CASE(5, a0, UART0_IRQ, lw a0, claimed)
  TEST_CASE(6, a0, EXPECTED_BYTE, lw a0, got_byte)
  TEST_CASE(7, a0, 1, lw a0, got_count)
  // The byte is consumed: no data ready, nothing pending, nothing to claim.
  TEST_CASE(8, a0, 0, lbu a0, UART_LSR(s0); andi a0, a0, UART_LSR_DR)
  TEST_CASE(9, a0, 0, li t0, PLIC_CLAIM(CTX); lw a0, 0(t0))
  TEST_CASE(10, a0, 0, csrr a0, mip; li a1, MIP_MEIP; and a0, a0, a1)
  la a0, msg_got
  jal t2, uart_puts
  PASS

// m_irq(a0 = mcause): claim, read every byte the UART has, complete.
  .globl m_irq
m_irq:
  li t0, CAUSE_INTR | IRQ_MEI
  bne a0, t0, m_fail
  li t3, PLIC_CLAIM(CTX)
  lw t4, 0(t3)
  la t0, claimed
  sw t4, 0(t0)
  li t5, UART0_BASE
1:
  lbu t0, UART_LSR(t5)
  andi t0, t0, UART_LSR_DR
  beqz t0, 2f
  lbu t0, UART_RBR(t5)
  la t1, got_byte
  sw t0, 0(t1)
  lw t0, got_count
  addi t0, t0, 1
  la t1, got_count
  sw t0, 0(t1)
  j 1b
2:
  sw t4, 0(t3)                    // complete
  ret

  .section .rodata
msg_ready: .asciz "ready\n"
msg_got: .asciz "got it\n"

  .data
  .align 3
claimed: .word 0
got_byte: .word 0
got_count: .word 0
