// virtio-blk round trip against a disk file the test driver prepares:
// 64 KiB whose byte at offset o is (o * 7 + 3) & 0xff. Reads sectors 0 and
// 5 and checks them, writes sector 2 with vio_fill(seed 0x41), reads it
// back, flushes, gets the id, and is refused a sector past the end. The
// completion also reaches the hart through the PLIC.
#include "rvtest.h"
#include "devices.h"
#define CTX 0
#define DISK_SECTORS 128

  .text
  .globl main
main:
  // The disk interrupt, routed to this hart's M context (polled in mip).
  li t0, PLIC_PRIORITY(VIRTIO0_IRQ)
  li t1, 1
  sw t1, 0(t0)
  li t0, PLIC_ENABLE(CTX)
  li t1, 1 << VIRTIO0_IRQ
  sw t1, 0(t0)
  li t0, PLIC_THRESHOLD(CTX)
  sw zero, 0(t0)
  li t0, MIP_MEIP
  csrw mie, t0
  jal vio_init
  TEST_CASE(1, a0, DISK_SECTORS, li t0, VIRTIO0_BASE; lwu a0, VIO_CONFIG(t0); lwu a1, VIO_CONFIG + 4(t0); slli a1, a1, 32; or a0, a0, a1)

  // Read sector 0: status OK, 513 bytes written (data and status).
  li a0, VIRTIO_BLK_T_IN
  li a1, 0
  la a2, buf
  li a3, SECTOR_SIZE
  li a4, 1
  jal vio_req
  CHECK(2, a0, 0)
  CHECK(3, a1, SECTOR_SIZE + 1)
  li a0, 0
  jal check_disk_pattern
  // The completion interrupt, as a driver sees it: MEIP, claim, acknowledge
  // the device, complete; then nothing is pending.
  li gp, 4
  li t2, 10000000
5:
  csrr t0, mip
  li t1, MIP_MEIP
  and t0, t0, t1
  bnez t0, 6f
  addi t2, t2, -1
  bnez t2, 5b
  j fail
6:
  TEST_CASE(5, a0, VIRTIO0_IRQ, li s0, PLIC_CLAIM(CTX); lw a0, 0(s0))
  mv s1, a0
  jal vio_ack
  sw s1, 0(s0)
  TEST_CASE(6, a0, 0, csrr a0, mip; li a1, MIP_MEIP; and a0, a0, a1)

  // Read sector 5.
  li a0, VIRTIO_BLK_T_IN
  li a1, 5
  la a2, buf
  li a3, SECTOR_SIZE
  li a4, 1
  jal vio_req
  jal vio_ack_keep
  CHECK(7, a0, 0)
  li a0, 5 * SECTOR_SIZE
  jal check_disk_pattern

  // Write sector 2, then read it back into another buffer.
  la a0, wbuf
  li a1, 0x41
  jal vio_fill
  li a0, VIRTIO_BLK_T_OUT
  li a1, 2
  la a2, wbuf
  li a3, SECTOR_SIZE
  li a4, 0
  jal vio_req
  jal vio_ack_keep
  CHECK(8, a0, 0)
  CHECK(9, a1, 1)
  li a0, VIRTIO_BLK_T_IN
  li a1, 2
  la a2, buf
  li a3, SECTOR_SIZE
  li a4, 1
  jal vio_req
  jal vio_ack_keep
  CHECK(10, a0, 0)
  li gp, 11
  la t0, buf
  la t1, wbuf
  li t2, SECTOR_SIZE
7:
  ld t3, 0(t0)
  ld t4, 0(t1)
  bne t3, t4, fail
  addi t0, t0, 8
  addi t1, t1, 8
  addi t2, t2, -8
  bnez t2, 7b

  // FLUSH and GET_ID succeed; a sector past the end is an I/O error.
  li a0, VIRTIO_BLK_T_FLUSH
  li a1, 0
  li a3, 0
  jal vio_req
  jal vio_ack_keep
  CHECK(12, a0, 0)
  li a0, VIRTIO_BLK_T_GET_ID
  li a1, 0
  la a2, buf
  li a3, 20
  li a4, 1
  jal vio_req
  jal vio_ack_keep
  CHECK(13, a0, 0)
  li a0, VIRTIO_BLK_T_IN
  li a1, DISK_SECTORS
  la a2, buf
  li a3, SECTOR_SIZE
  li a4, 1
  jal vio_req
  jal vio_ack_keep
  CHECK(14, a0, 1)                // VIRTIO_BLK_S_IOERR
  PASS

// check_disk_pattern(a0 = disk offset of buf's first byte): check 20.
check_disk_pattern:
  li gp, 20
  la t0, buf
  li t1, 0
1:
  add t2, a0, t1
  li t3, 7
  mul t2, t2, t3
  addi t2, t2, 3
  andi t2, t2, 0xff
  add t3, t0, t1
  lbu t3, 0(t3)
  bne t2, t3, fail
  addi t1, t1, 1
  li t3, SECTOR_SIZE
  blt t1, t3, 1b
  ret

// Acknowledge the device after a request, keeping a0 and a1; the PLIC
// request it raised is claimed and completed too.
vio_ack_keep:
  mv s2, ra
  jal vio_ack
  li t0, PLIC_CLAIM(CTX)
  lw t3, 0(t0)
  beqz t3, 1f
  sw t3, 0(t0)
1:
  jr s2

#include "virtio_drv.S"

  .bss
  .align 4
buf: .zero SECTOR_SIZE
wbuf: .zero SECTOR_SIZE
