// Writes sector 3 of the disk with vio_fill(seed 0x5a), and once the used
// ring says it is done prints "written" and spins: the test driver then
// kills the emulator with SIGKILL and finds the sector in the disk file.
#include "rvtest.h"
#include "devices.h"

  .text
  .globl main
main:
  jal vio_init
  la a0, wbuf
  li a1, 0x5a
  jal vio_fill
  li a0, VIRTIO_BLK_T_OUT
  li a1, 3
  la a2, wbuf
  li a3, SECTOR_SIZE
  li a4, 0
  jal vio_req
  CHECK(1, a0, 0)
  la a0, msg_written
  jal t2, uart_puts
1:
  j 1b

#include "virtio_drv.S"

  .section .rodata
msg_written: .asciz "written\n"

  .bss
  .align 4
wbuf: .zero SECTOR_SIZE
