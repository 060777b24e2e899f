// The modern (version 2) virtio-mmio transport and the block device, from
// the virtio 1.1 specification (§4.2.2 MMIO registers, §2.6 split
// virtqueues, §5.2 block device).
#ifndef VIRTIO_H
#define VIRTIO_H

// Register offsets from the device's base address (§4.2.2).
#define VIRTIO_MMIO_MAGIC_VALUE         0x000  // "virt"
#define VIRTIO_MMIO_VERSION             0x004  // 2 for the modern interface
#define VIRTIO_MMIO_DEVICE_ID           0x008  // 2 = block device
#define VIRTIO_MMIO_VENDOR_ID           0x00c
#define VIRTIO_MMIO_DEVICE_FEATURES     0x010
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL 0x014
#define VIRTIO_MMIO_DRIVER_FEATURES     0x020
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL 0x024
#define VIRTIO_MMIO_QUEUE_SEL           0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX       0x034
#define VIRTIO_MMIO_QUEUE_NUM           0x038
#define VIRTIO_MMIO_QUEUE_READY         0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY        0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS    0x060
#define VIRTIO_MMIO_INTERRUPT_ACK       0x064
#define VIRTIO_MMIO_STATUS              0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW      0x080  // descriptor table
#define VIRTIO_MMIO_QUEUE_DESC_HIGH     0x084
#define VIRTIO_MMIO_QUEUE_DRIVER_LOW    0x090  // available ring
#define VIRTIO_MMIO_QUEUE_DRIVER_HIGH   0x094
#define VIRTIO_MMIO_QUEUE_DEVICE_LOW    0x0a0  // used ring
#define VIRTIO_MMIO_QUEUE_DEVICE_HIGH   0x0a4
#define VIRTIO_MMIO_CONFIG              0x100  // device-specific configuration

#define VIRTIO_MAGIC        0x74726976
#define VIRTIO_ID_BLOCK     2

// Device status bits (§2.1).
#define VIRTIO_STATUS_ACKNOWLEDGE  1
#define VIRTIO_STATUS_DRIVER       2
#define VIRTIO_STATUS_DRIVER_OK    4
#define VIRTIO_STATUS_FEATURES_OK  8
#define VIRTIO_STATUS_FAILED       128

// Feature bits. VERSION_1 is bit 32: word 1, bit 0.
#define VIRTIO_F_VERSION_1_WORD    1
#define VIRTIO_F_VERSION_1_BIT     (1u << 0)

// Interrupt status bits (§4.2.2).
#define VIRTIO_INT_USED_BUFFER     1
#define VIRTIO_INT_CONFIG_CHANGE   2

// Descriptors in our one queue: three per request, so NUM/3 in flight.
#define NUM 32

// Split virtqueue (§2.6): the descriptor table, the ring the driver fills
// ("available") and the ring the device fills ("used").
struct virtq_desc {
  uint64 addr;
  uint32 len;
  uint16 flags;
  uint16 next;
};
#define VRING_DESC_F_NEXT  1   // the chain continues at next
#define VRING_DESC_F_WRITE 2   // the device writes this buffer

struct virtq_avail {
  uint16 flags;
  uint16 idx;          // where the driver puts the next entry (mod NUM)
  uint16 ring[NUM];    // heads of descriptor chains
  uint16 unused;       // used_event, unused without VIRTIO_F_EVENT_IDX
};

struct virtq_used_elem {
  uint32 id;           // head of the finished chain
  uint32 len;
};

struct virtq_used {
  uint16 flags;
  uint16 idx;          // where the device puts the next entry (mod NUM)
  struct virtq_used_elem ring[NUM];
};

// A block request's header, the first descriptor of its chain (§5.2.6);
// the data and a one-byte status follow in their own descriptors.
#define VIRTIO_BLK_T_IN   0    // read
#define VIRTIO_BLK_T_OUT  1    // write
#define VIRTIO_BLK_S_OK   0

struct virtio_blk_req {
  uint32 type;
  uint32 reserved;
  uint64 sector;       // in 512-byte units
};
#endif
