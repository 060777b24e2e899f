// The buffer cache: NBUF copies of disk blocks, so that a block is read from
// the disk once while it stays in use, and so that only one process at a
// time works on a block (its buffer's sleep-lock).
//
// bread() returns a locked buffer with the block's contents; change data,
// then bwrite() (or log_write() inside a transaction); brelse() when done.
// Buffers nobody holds are reused least recently used first.
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "fs.h"
#include "buf.h"
#include "defs.h"

static struct {
  struct spinlock lock;   // the list, refcnt, dev and blockno of every buffer
  struct buf buf[NBUF];
  struct buf head;        // list head: head.next most recent, head.prev least
} bcache;

static void
list_unlink(struct buf *b)
{
  b->next->prev = b->prev;
  b->prev->next = b->next;
}

static void
list_push_front(struct buf *b)
{
  b->next = bcache.head.next;
  b->prev = &bcache.head;
  bcache.head.next->prev = b;
  bcache.head.next = b;
}

void
binit(void)
{
  initlock(&bcache.lock, "bcache");
  bcache.head.prev = &bcache.head;
  bcache.head.next = &bcache.head;
  for(struct buf *b = bcache.buf; b < bcache.buf + NBUF; b++){
    initsleeplock(&b->lock, "buffer");
    list_push_front(b);
  }
}

// The buffer for (dev, blockno), locked; its data may not be valid yet.
static struct buf*
bget(uint dev, uint blockno)
{
  struct buf *b;

  acquire(&bcache.lock);
  for(;;){
    for(b = bcache.head.next; b != &bcache.head; b = b->next){
      if(b->dev == dev && b->blockno == blockno){
        b->refcnt++;
        release(&bcache.lock);
        acquiresleep(&b->lock);
        return b;
      }
    }
    // Not cached: take the least recently used buffer nobody holds.
    for(b = bcache.head.prev; b != &bcache.head; b = b->prev){
      if(b->refcnt == 0){
        b->dev = dev;
        b->blockno = blockno;
        b->valid = 0;
        b->refcnt = 1;
        release(&bcache.lock);
        acquiresleep(&b->lock);
        return b;
      }
    }
    // Every buffer is pinned by the log or held by a process: wait for a
    // release, then look again (someone may have read our block meanwhile).
    sleep(&bcache, &bcache.lock);
  }
}

struct buf*
bread(uint dev, uint blockno)
{
  struct buf *b = bget(dev, blockno);
  if(!b->valid){
    virtio_disk_rw(b, 0);
    b->valid = 1;
  }
  return b;
}

// Writes b to the disk now; the caller holds b locked.
void
bwrite(struct buf *b)
{
  if(!holdingsleep(&b->lock))
    panic("bwrite: buffer not locked");
  virtio_disk_rw(b, 1);
}

// Done with b: unlock it, and if nobody else holds it, make it the most
// recently used.
void
brelse(struct buf *b)
{
  if(!holdingsleep(&b->lock))
    panic("brelse: buffer not locked");
  releasesleep(&b->lock);

  acquire(&bcache.lock);
  b->refcnt--;
  if(b->refcnt == 0){
    list_unlink(b);
    list_push_front(b);
    wakeup(&bcache);
  }
  release(&bcache.lock);
}

// The log keeps a block it has absorbed in the cache until it is installed:
// an extra reference stops bget() from reusing the buffer.
void
bpin(struct buf *b)
{
  acquire(&bcache.lock);
  b->refcnt++;
  release(&bcache.lock);
}

void
bunpin(struct buf *b)
{
  acquire(&bcache.lock);
  b->refcnt--;
  if(b->refcnt == 0)
    wakeup(&bcache);
  release(&bcache.lock);
}
