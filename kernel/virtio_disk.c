// Driver for the modern (version 2) virtio-mmio block device: one queue,
// up to NUM/3 requests in flight from any number of harts, completion by
// interrupt through the PLIC. QEMU needs -global virtio-mmio.force-legacy=false.
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "fs.h"
#include "buf.h"
#include "virtio.h"
#include "defs.h"

#define REG(r) ((volatile uint32 *)(VIRTIO0_BASE + (r)))

// Block-device feature bit and configuration field (virtio 1.1 §5.2.3-4).
#define VIRTIO_BLK_F_RO        (1u << 5)   // the device refuses writes
#define VIRTIO_BLK_CAPACITY    0           // config offset: u64, 512-byte sectors

static struct disk {
  struct spinlock lock;   // everything here, and the device's registers
  struct virtq_desc *desc;
  struct virtq_avail *avail;
  struct virtq_used *used;
  char free[NUM];         // descriptor i is unused
  int readonly;           // the device offers VIRTIO_BLK_F_RO
  uint64 sectors;         // capacity
  uint16 used_idx;        // next used-ring entry we have not looked at
  // Per request, indexed by its first descriptor: the buffer waiting and
  // where the device writes the status; the header lives here too so that
  // it stays put while the device reads it.
  struct {
    struct buf *b;
    volatile uchar status;
  } info[NUM];
  struct virtio_blk_req ops[NUM];
} disk;

static void
set_addr(uint32 low_reg, void *p)
{
  *REG(low_reg) = (uint64)p;
  *REG(low_reg + 4) = (uint64)p >> 32;
}

// Device initialisation as §3.1.1 orders it.
void
virtio_disk_init(void)
{
  initlock(&disk.lock, "virtio_disk");

  if(*REG(VIRTIO_MMIO_MAGIC_VALUE) != VIRTIO_MAGIC)
    panic("virtio_disk: no virtio-mmio device");
  if(*REG(VIRTIO_MMIO_VERSION) != 2)
    panic("virtio_disk: legacy virtio-mmio (QEMU: -global virtio-mmio.force-legacy=false)");
  if(*REG(VIRTIO_MMIO_DEVICE_ID) != VIRTIO_ID_BLOCK)
    panic("virtio_disk: no block device (QEMU: -device virtio-blk-device,bus=virtio-mmio-bus.0)");

  uint32 status = 0;
  *REG(VIRTIO_MMIO_STATUS) = status;   // reset
  status |= VIRTIO_STATUS_ACKNOWLEDGE;
  *REG(VIRTIO_MMIO_STATUS) = status;
  status |= VIRTIO_STATUS_DRIVER;
  *REG(VIRTIO_MMIO_STATUS) = status;

  // Take no optional feature (write cache, event index, indirect
  // descriptors ...): only VERSION_1, which the modern interface requires.
  // Read-only needs no negotiation: the device refuses writes either way,
  // so we only remember that it said so and never send one.
  *REG(VIRTIO_MMIO_DEVICE_FEATURES_SEL) = 0;
  disk.readonly = (*REG(VIRTIO_MMIO_DEVICE_FEATURES) & VIRTIO_BLK_F_RO) != 0;
  *REG(VIRTIO_MMIO_DEVICE_FEATURES_SEL) = VIRTIO_F_VERSION_1_WORD;
  if((*REG(VIRTIO_MMIO_DEVICE_FEATURES) & VIRTIO_F_VERSION_1_BIT) == 0)
    panic("virtio_disk: device does not offer VIRTIO_F_VERSION_1");
  *REG(VIRTIO_MMIO_DRIVER_FEATURES_SEL) = 0;
  *REG(VIRTIO_MMIO_DRIVER_FEATURES) = 0;
  *REG(VIRTIO_MMIO_DRIVER_FEATURES_SEL) = VIRTIO_F_VERSION_1_WORD;
  *REG(VIRTIO_MMIO_DRIVER_FEATURES) = VIRTIO_F_VERSION_1_BIT;
  status |= VIRTIO_STATUS_FEATURES_OK;
  *REG(VIRTIO_MMIO_STATUS) = status;
  if((*REG(VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK) == 0)
    panic("virtio_disk: features not accepted");

  *REG(VIRTIO_MMIO_QUEUE_SEL) = 0;
  if(*REG(VIRTIO_MMIO_QUEUE_READY))
    panic("virtio_disk: queue 0 already in use");
  uint32 max = *REG(VIRTIO_MMIO_QUEUE_NUM_MAX);
  if(max < NUM)
    panic("virtio_disk: queue 0 too short");
  *REG(VIRTIO_MMIO_QUEUE_NUM) = NUM;

  disk.desc = kalloc();
  disk.avail = kalloc();
  disk.used = kalloc();
  if(!disk.desc || !disk.avail || !disk.used)
    panic("virtio_disk: out of memory");
  memset(disk.desc, 0, PGSIZE);
  memset(disk.avail, 0, PGSIZE);
  memset(disk.used, 0, PGSIZE);
  set_addr(VIRTIO_MMIO_QUEUE_DESC_LOW, disk.desc);
  set_addr(VIRTIO_MMIO_QUEUE_DRIVER_LOW, disk.avail);
  set_addr(VIRTIO_MMIO_QUEUE_DEVICE_LOW, disk.used);
  *REG(VIRTIO_MMIO_QUEUE_READY) = 1;

  for(int i = 0; i < NUM; i++)
    disk.free[i] = 1;

  // Two 32-bit reads: the transport need not support 64-bit accesses.
  volatile uint32 *cap = REG(VIRTIO_MMIO_CONFIG + VIRTIO_BLK_CAPACITY);
  disk.sectors = cap[0] | ((uint64)cap[1] << 32);

  status |= VIRTIO_STATUS_DRIVER_OK;
  *REG(VIRTIO_MMIO_STATUS) = status;
}

int
virtio_disk_readonly(void)
{
  return disk.readonly;
}

// Whole file-system blocks on the device.
uint64
virtio_disk_blocks(void)
{
  return disk.sectors / (BSIZE / 512);
}

// Takes three free descriptors; 0 if there are not three.
static int
alloc3_desc(int *idx)
{
  int n = 0;
  for(int i = 0; i < NUM && n < 3; i++)
    if(disk.free[i])
      idx[n++] = i;
  if(n < 3)
    return 0;
  for(int i = 0; i < 3; i++)
    disk.free[idx[i]] = 0;
  return 1;
}

// Returns a request's chain to the free list.
static void
free_chain(int i)
{
  for(;;){
    if(disk.free[i])
      panic("virtio_disk: descriptor freed twice");
    int flags = disk.desc[i].flags;
    int next = disk.desc[i].next;
    disk.desc[i].addr = 0;
    disk.desc[i].len = 0;
    disk.desc[i].flags = 0;
    disk.desc[i].next = 0;
    disk.free[i] = 1;
    if(!(flags & VRING_DESC_F_NEXT))
      break;
    i = next;
  }
  wakeup(&disk.free[0]);
}

static void
set_desc(int i, void *addr, uint32 len, uint16 flags, uint16 next)
{
  disk.desc[i].addr = (uint64)addr;
  disk.desc[i].len = len;
  disk.desc[i].flags = flags;
  disk.desc[i].next = next;
}

// Reads or writes b's block, sleeping until the device has finished: when it
// returns from a write the block is on the host's disk image.
void
virtio_disk_rw(struct buf *b, int write)
{
  uint64 sector = (uint64)b->blockno * (BSIZE / 512);
  int idx[3];

  // The file system refuses every change on a read-only disk; a write that
  // gets here is a path it missed, and the device would fail it anyway.
  if(write && disk.readonly)
    panic("virtio_disk: write to a read-only disk");

  acquire(&disk.lock);
  while(!alloc3_desc(idx))
    sleep(&disk.free[0], &disk.lock);

  struct virtio_blk_req *req = &disk.ops[idx[0]];
  req->type = write ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_IN;
  req->reserved = 0;
  req->sector = sector;

  set_desc(idx[0], req, sizeof(*req), VRING_DESC_F_NEXT, idx[1]);
  set_desc(idx[1], b->data, BSIZE, VRING_DESC_F_NEXT | (write ? 0 : VRING_DESC_F_WRITE), idx[2]);
  disk.info[idx[0]].status = 0xff;    // the device writes 0 on success
  set_desc(idx[2], (void *)&disk.info[idx[0]].status, 1, VRING_DESC_F_WRITE, 0);

  b->disk = 1;
  disk.info[idx[0]].b = b;

  // The chain must be visible before the index that publishes it, and the
  // index before the notification (§2.6.13).
  disk.avail->ring[disk.avail->idx % NUM] = idx[0];
  __sync_synchronize();
  disk.avail->idx += 1;
  __sync_synchronize();
  *REG(VIRTIO_MMIO_QUEUE_NOTIFY) = 0;

  while(b->disk == 1)
    sleep(b, &disk.lock);

  disk.info[idx[0]].b = 0;
  free_chain(idx[0]);
  release(&disk.lock);
}

// The PLIC routed the device's interrupt to this hart: wake the owners of
// every finished request. One interrupt may cover several requests, and a
// request may finish before its interrupt, so walk the used ring to its end.
void
virtio_disk_intr(void)
{
  acquire(&disk.lock);
  *REG(VIRTIO_MMIO_INTERRUPT_ACK) = *REG(VIRTIO_MMIO_INTERRUPT_STATUS) & (VIRTIO_INT_USED_BUFFER | VIRTIO_INT_CONFIG_CHANGE);
  __sync_synchronize();

  while(disk.used_idx != *(volatile uint16 *)&disk.used->idx){
    __sync_synchronize();
    int id = disk.used->ring[disk.used_idx % NUM].id;
    if(id >= NUM || disk.info[id].b == 0)
      panic("virtio_disk: device finished an unknown request");
    if(disk.info[id].status != VIRTIO_BLK_S_OK)
      panic("virtio_disk: request failed");
    struct buf *b = disk.info[id].b;
    b->disk = 0;
    wakeup(b);
    disk.used_idx += 1;
  }
  release(&disk.lock);
}
