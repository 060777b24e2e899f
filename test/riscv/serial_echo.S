// A console on UART1 for the --serial-dir tests (ours only: QEMU's virt has
// one UART). Echoes every byte received on UART1 back to UART1, polling,
// except two commands: '!' waits BURST_DELAY ticks (so that the client that
// sent it can hang up first), then writes BURST_LINES numbered lines
// "NNNNN abcdefghijklmnopq\n" and "done\n", far more than the host holds for
// an absent client, so the writer must wait for it; 'q' powers off (pass).
// Every byte is written only after LSR says THR is empty, as a driver must.
#include "rvtest.h"
#include "devices.h"

#define UART1_BASE UARTX_BASE
#define UART_LSR_THRE 0x20
#define BURST_LINES 6000
#define BURST_DELAY (TIMEBASE_HZ / 5)

  .text
  .globl main
main:
  li s0, UART1_BASE
  li t0, 1                        // FIFO on: input arrives 16 bytes at a time
  sb t0, UART_FCR(s0)
echo:
  lbu t0, UART_LSR(s0)
  andi t0, t0, UART_LSR_DR
  beqz t0, echo
  lbu a0, UART_RBR(s0)
  li t0, 'q'
  beq a0, t0, quit
  li t0, '!'
  beq a0, t0, burst
  jal ra, putc1
  j echo
quit:
  PASS

burst:
  rdtime t0
  li t1, BURST_DELAY
  add s1, t0, t1
1:
  rdtime t0
  bltu t0, s1, 1b
  li s2, 0                        // line number
2:
  mv a0, s2
  jal ra, put5
  la a0, msg_line
  jal ra, puts1
  addi s2, s2, 1
  li t0, BURST_LINES
  bltu s2, t0, 2b
  la a0, msg_done
  jal ra, puts1
  j echo

// putc1(a0): one byte to UART1 once THR has room. Clobbers t0.
putc1:
  lbu t0, UART_LSR(s0)
  andi t0, t0, UART_LSR_THRE
  beqz t0, putc1
  sb a0, UART_THR(s0)
  ret

// puts1(a0 = NUL-terminated string). Clobbers t0, a0, a1, s3.
puts1:
  mv s3, ra
  mv a1, a0
1:
  lbu a0, 0(a1)
  beqz a0, 2f
  jal ra, putc1
  addi a1, a1, 1
  j 1b
2:
  jr s3

// put5(a0 < 100000): five decimal digits. Clobbers t0-t2, a0, a1, s3.
put5:
  mv s3, ra
  mv a1, a0
  li t1, 10000
1:
  divu a0, a1, t1
  remu a1, a1, t1
  addi a0, a0, '0'
  jal ra, putc1
  li t2, 10
  divu t1, t1, t2
  bnez t1, 1b
  jr s3

  .section .rodata
msg_line: .asciz " abcdefghijklmnopq\n"
msg_done: .asciz "done\n"
