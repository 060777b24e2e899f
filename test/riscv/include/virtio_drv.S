// A minimal virtio-blk driver over modern virtio-mmio, one request at a
// time on queue 0, polling the used ring. Included by the virtio programs
// (code, not just definitions). Its checks are numbered from 100.
#include "devices.h"
#define VQ_SIZE 8

  .text
// vio_init: reset, negotiate VERSION_1 only, set up queue 0, DRIVER_OK.
vio_init:
  li s11, VIRTIO0_BASE
  TEST_CASE(100, a0, VIO_MAGIC_VALUE, lw a0, VIO_MAGIC(s11); slli a0, a0, 32; srli a0, a0, 32)
  TEST_CASE(101, a0, 2, lw a0, VIO_VERSION(s11))
  TEST_CASE(102, a0, VIO_DEVICE_BLOCK, lw a0, VIO_DEVICE_ID(s11))
  sw zero, VIO_STATUS(s11)
  TEST_CASE(103, a0, 0, lw a0, VIO_STATUS(s11))
  li t0, VIO_S_ACKNOWLEDGE
  sw t0, VIO_STATUS(s11)
  li t0, VIO_S_ACKNOWLEDGE | VIO_S_DRIVER
  sw t0, VIO_STATUS(s11)
  li t0, 1
  sw t0, VIO_DEVICE_FEATURES_SEL(s11)
  TEST_CASE(104, a0, VIO_F_VERSION_1_HI, lw a0, VIO_DEVICE_FEATURES(s11); andi a0, a0, VIO_F_VERSION_1_HI)
  sw zero, VIO_DRIVER_FEATURES_SEL(s11)
  sw zero, VIO_DRIVER_FEATURES(s11)
  li t0, 1
  sw t0, VIO_DRIVER_FEATURES_SEL(s11)
  li t0, VIO_F_VERSION_1_HI
  sw t0, VIO_DRIVER_FEATURES(s11)
  li t0, VIO_S_ACKNOWLEDGE | VIO_S_DRIVER | VIO_S_FEATURES_OK
  sw t0, VIO_STATUS(s11)
  TEST_CASE(105, a0, VIO_S_FEATURES_OK, lw a0, VIO_STATUS(s11); andi a0, a0, VIO_S_FEATURES_OK)
  sw zero, VIO_QUEUE_SEL(s11)
  TEST_CASE(106, a0, 0, lw a0, VIO_QUEUE_READY(s11))
  TEST_CASE(107, a0, 1, lw a0, VIO_QUEUE_NUM_MAX(s11); sltiu a0, a0, VQ_SIZE; xori a0, a0, 1)
  li t0, VQ_SIZE
  sw t0, VIO_QUEUE_NUM(s11)
  la t0, vq_desc
  sw t0, VIO_QUEUE_DESC_LOW(s11)
  srli t0, t0, 32
  sw t0, VIO_QUEUE_DESC_HIGH(s11)
  la t0, vq_avail
  sw t0, VIO_QUEUE_DRIVER_LOW(s11)
  srli t0, t0, 32
  sw t0, VIO_QUEUE_DRIVER_HIGH(s11)
  la t0, vq_used
  sw t0, VIO_QUEUE_DEVICE_LOW(s11)
  srli t0, t0, 32
  sw t0, VIO_QUEUE_DEVICE_HIGH(s11)
  li t0, 1
  sw t0, VIO_QUEUE_READY(s11)
  TEST_CASE(108, a0, 1, lw a0, VIO_QUEUE_READY(s11))
  li t0, VIO_S_ACKNOWLEDGE | VIO_S_DRIVER | VIO_S_FEATURES_OK | VIO_S_DRIVER_OK
  sw t0, VIO_STATUS(s11)
  ret

// vio_req(a0 = type, a1 = sector, a2 = buffer, a3 = length, 0 for none,
// a4 = 1 if the device writes the buffer): a0 = status byte, a1 = the
// used ring's length. Waits for the used ring and checks that the device
// says so in its interrupt status; the caller acknowledges (vio_ack).
vio_req:
  la t0, vq_hdr
  sw a0, 0(t0)
  sw zero, 4(t0)
  sd a1, 8(t0)
  la t1, vq_status
  li t2, 0xff
  sb t2, 0(t1)
  // descriptor 0: the header, read by the device
  la t2, vq_desc
  sd t0, 0(t2)
  li t3, 16
  sw t3, 8(t2)
  li t3, VQ_DESC_F_NEXT
  sh t3, 12(t2)
  li t3, 1
  sh t3, 14(t2)
  addi t2, t2, VQ_DESC_SIZE
  beqz a3, 1f
  // descriptor 1: the data
  sd a2, 0(t2)
  sw a3, 8(t2)
  li t3, VQ_DESC_F_NEXT
  beqz a4, 2f
  ori t3, t3, VQ_DESC_F_WRITE
2:
  sh t3, 12(t2)
  li t3, 2
  sh t3, 14(t2)
  addi t2, t2, VQ_DESC_SIZE
1:
  // last descriptor: the status byte, written by the device
  sd t1, 0(t2)
  li t3, 1
  sw t3, 8(t2)
  li t3, VQ_DESC_F_WRITE
  sh t3, 12(t2)
  sh zero, 14(t2)
  // publish head 0 in the available ring, then tell the device
  la t0, vq_avail
  lhu t3, 2(t0)
  andi t4, t3, VQ_SIZE - 1
  slli t4, t4, 1
  add t4, t4, t0
  sh zero, 4(t4)
  fence w, w
  addi t3, t3, 1
  sh t3, 2(t0)
  fence
  li t0, VIRTIO0_BASE
  sw zero, VIO_QUEUE_NOTIFY(t0)
  // wait for the used ring to move
  la t0, vq_used
  lw t3, vq_last_used
  li t5, 100000000
3:
  lhu t4, 2(t0)
  bne t4, t3, 4f
  addi t5, t5, -1
  bnez t5, 3b
  li gp, 109
  j fail
4:
  fence
  andi t4, t3, VQ_SIZE - 1
  slli t4, t4, 3
  add t4, t4, t0
  lw a1, 8(t4)                  // used elem: id at +4, len at +8 from ring start
  addi t3, t3, 1
  la t4, vq_last_used
  sw t3, 0(t4)
  lbu a0, 0(t1)
  li t0, VIRTIO0_BASE
  lw t3, VIO_INTERRUPT_STATUS(t0)
  andi t3, t3, 1
  li gp, 110
  beqz t3, fail                 // completion must raise the used-buffer interrupt
  ret

// vio_ack: acknowledge the used-buffer interrupt (the device lowers its
// line). Clobbers t0, t3.
vio_ack:
  li t0, VIRTIO0_BASE
  lw t3, VIO_INTERRUPT_STATUS(t0)
  sw t3, VIO_INTERRUPT_ACK(t0)
  ret

// vio_fill(a0 = buffer, a1 = seed): a SECTOR_SIZE pattern, byte i =
// (i * 13 + seed) & 0xff. Clobbers t0-t2.
vio_fill:
  li t0, 0
1:
  li t1, 13
  mul t1, t1, t0
  add t1, t1, a1
  add t2, a0, t0
  sb t1, 0(t2)
  addi t0, t0, 1
  li t1, SECTOR_SIZE
  blt t0, t1, 1b
  ret

  .bss
  .align 12
vq_desc: .zero VQ_SIZE * VQ_DESC_SIZE
  .align 12
vq_avail: .zero 6 + 2 * VQ_SIZE
  .align 12
vq_used: .zero 6 + 8 * VQ_SIZE
  .align 4
vq_hdr: .zero 16
vq_status: .zero 8
vq_last_used: .zero 8
  .text
