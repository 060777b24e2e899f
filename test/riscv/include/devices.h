// Register layouts of the devices the tests drive. Base addresses and IRQ
// numbers come from platform.h; these offsets are the devices' own
// programming models (SiFive PLIC, NS16550A, virtio-mmio version 2).
#ifndef RVTEST_DEVICES_H
#define RVTEST_DEVICES_H

// PLIC: context 2h is hart h's M-mode, 2h + 1 its S-mode.
#define PLIC_PRIORITY(irq)   (PLIC_BASE + 4 * (irq))
#define PLIC_PENDING         (PLIC_BASE + 0x1000)
#define PLIC_ENABLE(ctx)     (PLIC_BASE + 0x2000 + 0x80 * (ctx))
#define PLIC_THRESHOLD(ctx)  (PLIC_BASE + 0x200000 + 0x1000 * (ctx))
#define PLIC_CLAIM(ctx)      (PLIC_BASE + 0x200004 + 0x1000 * (ctx))
// Routes source irq to context ctx alone: priority 1, the only source
// enabled there, threshold 0. Uses t0 and t1.
#define PLIC_ROUTE(irq, ctx) \
  li t0, PLIC_PRIORITY(irq); li t1, 1; sw t1, 0(t0); \
  li t0, PLIC_ENABLE(ctx); li t1, 1 << (irq); sw t1, 0(t0); \
  li t0, PLIC_THRESHOLD(ctx); sw zero, 0(t0)

// 16550 UART, byte registers.
#define UART_RBR 0   // read: receive buffer
#define UART_THR 0   // write: transmit holding
#define UART_IER 1   // bit 0: RX data available interrupt
#define UART_IIR 2   // read
#define UART_FCR 2   // write
#define UART_LCR 3
#define UART_MCR 4   // bit 3: OUT2, which PC-style boards gate the IRQ with
#define UART_LSR 5   // bit 0: data ready, bit 5: THR empty
#define UART_IER_RX 1
#define UART_LSR_DR 1

// virtio-mmio (virtio 1.x, section 4.2.2), 32-bit registers.
#define VIO_MAGIC            0x000   // "virt"
#define VIO_VERSION          0x004
#define VIO_DEVICE_ID        0x008
#define VIO_DEVICE_FEATURES  0x010
#define VIO_DEVICE_FEATURES_SEL 0x014
#define VIO_DRIVER_FEATURES  0x020
#define VIO_DRIVER_FEATURES_SEL 0x024
#define VIO_QUEUE_SEL        0x030
#define VIO_QUEUE_NUM_MAX    0x034
#define VIO_QUEUE_NUM        0x038
#define VIO_QUEUE_READY      0x044
#define VIO_QUEUE_NOTIFY     0x050
#define VIO_INTERRUPT_STATUS 0x060
#define VIO_INTERRUPT_ACK    0x064
#define VIO_STATUS           0x070
#define VIO_QUEUE_DESC_LOW   0x080
#define VIO_QUEUE_DESC_HIGH  0x084
#define VIO_QUEUE_DRIVER_LOW 0x090
#define VIO_QUEUE_DRIVER_HIGH 0x094
#define VIO_QUEUE_DEVICE_LOW 0x0a0
#define VIO_QUEUE_DEVICE_HIGH 0x0a4
#define VIO_CONFIG           0x100   // virtio-blk: capacity (u64, sectors) first

#define VIO_MAGIC_VALUE      0x74726976
#define VIO_DEVICE_BLOCK     2
#define VIO_S_ACKNOWLEDGE    1
#define VIO_S_DRIVER         2
#define VIO_S_DRIVER_OK      4
#define VIO_S_FEATURES_OK    8
#define VIO_F_VERSION_1_HI   1       // feature bit 32: bit 0 of the high word

// Split virtqueue layout (virtio 1.x, section 2.7).
#define VQ_DESC_SIZE   16            // addr u64, len u32, flags u16, next u16
#define VQ_DESC_F_NEXT  1
#define VQ_DESC_F_WRITE 2
#define VIRTIO_BLK_T_IN     0
#define VIRTIO_BLK_T_OUT    1
#define VIRTIO_BLK_T_FLUSH  4
#define VIRTIO_BLK_T_GET_ID 8
#define SECTOR_SIZE 512

#endif
