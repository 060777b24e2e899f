// mip's SEIP as software sees it is the OR of the bit software wrote and
// the PLIC's signal; CSRRS/CSRRC on mip must modify only the software bit
// (privileged spec, "Machine Interrupt Registers"). So setting SSIP while the
// PLIC asserts SEIP must not latch SEIP: once the PLIC drops it, it is gone.
// The PLIC's signal comes from the UART's transmit-empty interrupt routed
// to hart 0's S context. Interrupts stay off (mie = 0): nothing traps.
#include "rvtest.h"
#include "devices.h"
#define CTX 1                     // hart 0, S-mode
#define UART_IER_THRE 2

  .text
  .globl main
main:
  PLIC_ROUTE(UART0_IRQ, CTX)
  li s0, UART0_BASE
  li t0, 0x0b                     // DTR, RTS, OUT2
  sb t0, UART_MCR(s0)
  li t0, UART_IER_THRE            // the transmitter is empty: the line rises
  sb t0, UART_IER(s0)
  TEST_CASE(1, a0, MIP_SEIP, csrr a0, mip; li a1, MIP_SEIP; and a0, a0, a1)

  li t0, MIP_SSIP
  csrs mip, t0
  TEST_CASE(2, a0, MIP_SSIP, csrr a0, mip; li a1, MIP_SSIP; and a0, a0, a1)

  // Lower the line and retire the request at the PLIC.
  sb zero, UART_IER(s0)
  li t0, PLIC_CLAIM(CTX)
  lw t1, 0(t0)
  beqz t1, 1f
  sw t1, 0(t0)
1:
  TEST_CASE(3, a0, 0, csrr a0, mip; li a1, MIP_SEIP; and a0, a0, a1)
  li t0, MIP_SSIP
  csrc mip, t0
  TEST_CASE(4, a0, 0, csrr a0, mip; li a1, MIP_SSIP | MIP_SEIP; and a0, a0, a1)
  PASS
