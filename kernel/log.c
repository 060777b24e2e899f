// A write-ahead log that makes file-system operations atomic across crashes.
//
// Each system call that changes the disk brackets its work with begin_op()
// and end_op(), and writes blocks with log_write() instead of bwrite(). The
// blocks stay in the buffer cache (pinned) until the last outstanding
// operation ends; then commit():
//   1. copies every changed block into the log area,
//   2. writes the header with the count: this single block write is the
//      moment the transaction happens,
//   3. copies the blocks to their homes,
//   4. writes the header with count 0.
// A crash before 2 leaves the old file system, a crash after 2 leaves a
// header that recover_from_log() at the next boot completes. Every write
// returns only once the disk has it, so the order above is the disk's order.
//
// Disk: [ header: n, block[0..n-1] | logged copy of block[0] | ... ]
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "fs.h"
#include "buf.h"
#include "defs.h"

#define LOGSIZE ((int)FS_LOGBLOCKS - 1)   // blocks one transaction can hold

struct logheader {
  int n;
  int block[LOGSIZE];   // home block numbers
};
_Static_assert(sizeof(struct logheader) <= FS_BSIZE, "log header must fit in one block");
_Static_assert(MAXOPBLOCKS <= LOGSIZE, "one operation must fit in the log");

static struct {
  struct spinlock lock;
  int start;            // header block
  int outstanding;      // operations between begin_op and end_op
  int committing;       // commit() running: wait
  int dev;
  uint first, end;      // where logged blocks may go home: inodes to the end
  struct logheader lh;  // in memory: the transaction being built
} log;

static void
read_head(void)
{
  struct buf *b = bread(log.dev, log.start);
  memmove(&log.lh, b->data, sizeof(log.lh));
  brelse(b);
  if(log.lh.n < 0 || log.lh.n > LOGSIZE)
    panic("log: corrupt header");
  for(int i = 0; i < log.lh.n; i++)
    if((uint)log.lh.block[i] < log.first || (uint)log.lh.block[i] >= log.end)
      panic("log: corrupt header: a logged block's home is outside the file system");
}

// The commit point when lh.n > 0, and the end of a transaction when 0.
static void
write_head(void)
{
  struct buf *b = bread(log.dev, log.start);
  memmove(b->data, &log.lh, sizeof(log.lh));
  bwrite(b);
  brelse(b);
}

// Copies the transaction's blocks from the cache into the log area.
static void
write_log(void)
{
  for(int i = 0; i < log.lh.n; i++){
    struct buf *to = bread(log.dev, log.start + 1 + i);
    struct buf *from = bread(log.dev, log.lh.block[i]);
    memmove(to->data, from->data, BSIZE);
    bwrite(to);
    brelse(from);
    brelse(to);
  }
}

// Where install_trans() puts the logged blocks.
enum install { AT_COMMIT, AT_RECOVERY, IN_CACHE_ONLY };

// Copies the logged blocks to their homes. At recovery the cache holds
// nothing pinned, so only then is there no unpinning to do.
//
// A read-only disk cannot take a committed transaction home, and its homes
// may hold half of one (the crash came during install). There the copies go
// into the buffer cache only, pinned so they are never re-read from the
// disk: the kernel sees the file system the transaction left, as fsck does.
static void
install_trans(enum install how)
{
  for(int i = 0; i < log.lh.n; i++){
    struct buf *from = bread(log.dev, log.start + 1 + i);
    struct buf *to = bread(log.dev, log.lh.block[i]);
    memmove(to->data, from->data, BSIZE);
    if(how == IN_CACHE_ONLY)
      bpin(to);
    else
      bwrite(to);
    if(how == AT_COMMIT)
      bunpin(to);
    brelse(from);
    brelse(to);
  }
}

static void
recover_from_log(int readonly)
{
  read_head();
  if(readonly){
    if(log.lh.n > 0)
      printf("log: a committed transaction of %d blocks is kept in memory: the disk is read-only\n", log.lh.n);
    install_trans(IN_CACHE_ONLY);
    log.lh.n = 0;
    return;
  }
  if(log.lh.n > 0)
    printf("log: recovering a committed transaction of %d blocks\n", log.lh.n);
  install_trans(AT_RECOVERY);
  log.lh.n = 0;
  write_head();
}

void
initlog(int dev, struct superblock *sb, int readonly)
{
  if((int)sb->nlog - 1 < LOGSIZE)
    panic("initlog: log area smaller than LOGSIZE");
  initlock(&log.lock, "log");
  log.start = sb->logstart;
  log.first = sb->inodestart;
  log.end = sb->size;
  log.dev = dev;
  recover_from_log(readonly);
}

static void
commit(void)
{
  if(log.lh.n == 0)
    return;
  write_log();
  write_head();
  install_trans(AT_COMMIT);
  log.lh.n = 0;
  write_head();
}

// Starts an operation, first waiting until the log surely has room for
// everything it and the others in progress may write.
void
begin_op(void)
{
  acquire(&log.lock);
  for(;;){
    if(log.committing || log.lh.n + (log.outstanding + 1) * MAXOPBLOCKS > LOGSIZE){
      sleep(&log, &log.lock);
    } else {
      log.outstanding += 1;
      release(&log.lock);
      return;
    }
  }
}

// Ends an operation; the last one out commits everything.
void
end_op(void)
{
  int do_commit = 0;

  acquire(&log.lock);
  log.outstanding -= 1;
  if(log.committing)
    panic("end_op: commit in progress");
  if(log.outstanding == 0){
    do_commit = 1;
    log.committing = 1;
  } else {
    // The log space this operation reserved may let a waiter in.
    wakeup(&log);
  }
  release(&log.lock);

  if(do_commit){
    // Without the lock: commit sleeps on the disk.
    commit();
    acquire(&log.lock);
    log.committing = 0;
    wakeup(&log);
    release(&log.lock);
  }
}

// Records that b (locked, changed) belongs to the current transaction. A
// block written twice in one transaction takes one log slot.
void
log_write(struct buf *b)
{
  acquire(&log.lock);
  if(log.outstanding < 1)
    panic("log_write: outside a transaction");
  int i;
  for(i = 0; i < log.lh.n; i++)
    if(log.lh.block[i] == b->blockno)
      break;
  if(i == log.lh.n){
    if(log.lh.n >= LOGSIZE)
      panic("log_write: transaction too big");
    log.lh.block[i] = b->blockno;
    log.lh.n++;
    bpin(b);
  }
  release(&log.lock);
}
