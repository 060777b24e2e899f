// The file system: blocks, inodes, directories and path names, in layers.
//   blocks       balloc/bfree over the free bitmap
//   inodes       ialloc, iget/iput (the in-memory table), ilock/iunlock,
//                bmap (file block -> disk block), readi/writei, itrunc
//   directories  dirlookup, dirlink: a directory is a file of dirents
//   names        namei, nameiparent: walk a path one element at a time
// Every change goes through log_write() inside begin_op()/end_op(), so
// callers that change anything must be inside a transaction.
//
// Inode locking: iget() returns a referenced, unlocked inode (cheap, for
// long-lived pointers such as a cwd or an open file); ilock() reads it from
// disk if needed and holds its sleep-lock while its fields are used.
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "proc.h"
#include "fs.h"
#include "buf.h"
#include "file.h"
#include "stat.h"
#include "defs.h"

#define min(a, b) ((a) < (b) ? (a) : (b))

struct superblock sb;   // one file system, one superblock
int fs_readonly;        // the disk refuses writes: so does every system call

static void
readsb(int dev, struct superblock *s)
{
  struct buf *bp = bread(dev, 1);
  memmove(s, bp->data, sizeof(*s));
  brelse(bp);
}

static void
bzero(int dev, uint bno)
{
  struct buf *bp = bread(dev, bno);
  memset(bp->data, 0, BSIZE);
  log_write(bp);
  brelse(bp);
}

// A zeroed data block, marked in use; 0 when the disk is full.
static uint
balloc(uint dev)
{
  for(uint base = 0; base < sb.size; base += BPB){
    struct buf *bp = bread(dev, BBLOCK(base, sb));
    for(uint bi = 0; bi < BPB && base + bi < sb.size; bi++){
      uchar mask = 1 << (bi % 8);
      if((bp->data[bi / 8] & mask) == 0){
        bp->data[bi / 8] |= mask;
        log_write(bp);
        brelse(bp);
        bzero(dev, base + bi);
        return base + bi;
      }
    }
    brelse(bp);
  }
  printf("balloc: out of blocks\n");
  return 0;
}

static void
bfree(int dev, uint b)
{
  struct buf *bp = bread(dev, BBLOCK(b, sb));
  uchar mask = 1 << (b % BPB % 8);
  if((bp->data[b % BPB / 8] & mask) == 0)
    panic("bfree: block already free");
  bp->data[b % BPB / 8] &= ~mask;
  log_write(bp);
  brelse(bp);
}

// ---- inodes ----

static struct {
  struct spinlock lock;   // ref, dev and inum of every entry
  struct inode inode[NINODE];
} itable;

void
iinit(void)
{
  initlock(&itable.lock, "itable");
  for(int i = 0; i < NINODE; i++)
    initsleeplock(&itable.inode[i].lock, "inode");
}

// The in-memory inode for (dev, inum), referenced, unlocked, maybe not read.
static struct inode*
iget(uint dev, uint inum)
{
  struct inode *ip, *empty = 0;

  acquire(&itable.lock);
  for(ip = itable.inode; ip < itable.inode + NINODE; ip++){
    if(ip->ref > 0 && ip->dev == dev && ip->inum == inum){
      ip->ref++;
      release(&itable.lock);
      return ip;
    }
    if(empty == 0 && ip->ref == 0)
      empty = ip;
  }
  if(empty == 0)
    panic("iget: inode table full");
  empty->dev = dev;
  empty->inum = inum;
  empty->ref = 1;
  empty->valid = 0;
  release(&itable.lock);
  return empty;
}

// A free inode on disk, now of the given type: referenced, unlocked;
// 0 when every inode is in use.
struct inode*
ialloc(uint dev, short type)
{
  for(uint inum = 1; inum < sb.ninodes; inum++){
    struct buf *bp = bread(dev, IBLOCK(inum, sb));
    struct dinode *dip = (struct dinode *)bp->data + inum % IPB;
    if(dip->type == 0){
      memset(dip, 0, sizeof(*dip));
      dip->type = type;
      log_write(bp);
      brelse(bp);
      return iget(dev, inum);
    }
    brelse(bp);
  }
  printf("ialloc: no free inodes\n");
  return 0;
}

// Writes ip's fields to its dinode; ip is locked.
void
iupdate(struct inode *ip)
{
  struct buf *bp = bread(ip->dev, IBLOCK(ip->inum, sb));
  struct dinode *dip = (struct dinode *)bp->data + ip->inum % IPB;
  dip->type = ip->type;
  dip->major = ip->major;
  dip->minor = ip->minor;
  dip->nlink = ip->nlink;
  dip->size = ip->size;
  memmove(dip->addrs, ip->addrs, sizeof(ip->addrs));
  log_write(bp);
  brelse(bp);
}

struct inode*
idup(struct inode *ip)
{
  acquire(&itable.lock);
  ip->ref++;
  release(&itable.lock);
  return ip;
}

void
ilock(struct inode *ip)
{
  if(ip == 0 || ip->ref < 1)
    panic("ilock: no such inode");
  acquiresleep(&ip->lock);
  if(!ip->valid){
    struct buf *bp = bread(ip->dev, IBLOCK(ip->inum, sb));
    struct dinode *dip = (struct dinode *)bp->data + ip->inum % IPB;
    ip->type = dip->type;
    ip->major = dip->major;
    ip->minor = dip->minor;
    ip->nlink = dip->nlink;
    ip->size = dip->size;
    memmove(ip->addrs, dip->addrs, sizeof(ip->addrs));
    brelse(bp);
    ip->valid = 1;
    if(ip->type == 0)
      panic("ilock: inode is free on disk");
  }
}

void
iunlock(struct inode *ip)
{
  if(ip == 0 || !holdingsleep(&ip->lock) || ip->ref < 1)
    panic("iunlock: not locked");
  releasesleep(&ip->lock);
}

// Frees the blocks under address block a (depth 1 maps data blocks, depth 2
// maps depth-1 blocks) whose file-block index, counted from a's first, is
// at least keep; frees a itself when keep is 0. Returns whether it did.
static int
free_below(struct inode *ip, uint a, int depth, uint keep)
{
  uint span = depth == 1 ? 1 : NINDIRECT;
  struct buf *bp = bread(ip->dev, a);
  uint *addr = (uint *)bp->data;
  int changed = 0;
  for(int i = 0; i < NINDIRECT; i++){
    uint lo = i * span;
    if(addr[i] == 0 || lo + span <= keep)
      continue;
    if(depth == 1)
      bfree(ip->dev, addr[i]);
    else
      free_below(ip, addr[i], depth - 1, keep > lo ? keep - lo : 0);
    if(depth == 1 || keep <= lo){
      addr[i] = 0;
      changed = 1;
    }
  }
  if(changed && keep > 0)
    log_write(bp);
  brelse(bp);
  if(keep == 0){
    bfree(ip->dev, a);
    return 1;
  }
  return 0;
}

// Frees every block of ip from file block `keep` on; ip is locked.
static void
itrim(struct inode *ip, uint keep)
{
  for(uint i = keep; i < NDIRECT; i++){
    if(ip->addrs[i]){
      bfree(ip->dev, ip->addrs[i]);
      ip->addrs[i] = 0;
    }
  }
  uint first = NDIRECT;
  for(int depth = 1; depth <= 2; depth++){
    uint *top = &ip->addrs[NDIRECT + depth - 1];
    uint span = depth == 1 ? NINDIRECT : NINDIRECT * NINDIRECT;
    if(*top && keep < first + span && free_below(ip, *top, depth, keep > first ? keep - first : 0))
      *top = 0;
    first += span;
  }
  iupdate(ip);
}

void
itrunc(struct inode *ip)
{
  ip->size = 0;
  itrim(ip, 0);
}

// Drops a reference. The last reference to an inode no directory names
// frees it on disk, so every iput() may write: call it inside a transaction.
void
iput(struct inode *ip)
{
  acquire(&itable.lock);
  if(ip->ref == 1 && ip->valid && ip->nlink == 0){
    // Nobody else has a pointer, so nobody holds the lock: this will not sleep.
    acquiresleep(&ip->lock);
    release(&itable.lock);
    itrunc(ip);
    ip->type = 0;
    iupdate(ip);
    ip->valid = 0;
    releasesleep(&ip->lock);
    acquire(&itable.lock);
  }
  ip->ref--;
  release(&itable.lock);
}

void
iunlockput(struct inode *ip)
{
  iunlock(ip);
  iput(ip);
}

// Frees inodes a crash left allocated after their last link went (a file
// unlinked while open). Runs once at boot, before any other process.
static void
reclaim_orphans(int dev)
{
  for(uint inum = 1; inum < sb.ninodes; inum++){
    struct buf *bp = bread(dev, IBLOCK(inum, sb));
    struct dinode *dip = (struct dinode *)bp->data + inum % IPB;
    int orphan = dip->type != 0 && dip->nlink == 0;
    brelse(bp);
    if(orphan){
      printf("fs: freeing orphaned inode %d\n", inum);
      begin_op();
      struct inode *ip = iget(dev, inum);
      ilock(ip);
      iunlockput(ip);
      end_op();
    }
  }
}

// Why the superblock cannot describe this disk, or 0. Every later block
// number is trusted to lie inside the areas checked here.
static char*
badsb(uint64 disk_blocks)
{
  uint ninodeblocks = sb.ninodes / IPB + 1;
  uint nbitmap = sb.size / BPB + 1;
  if(sb.size > disk_blocks)
    return "it says the disk has more blocks than it does";
  if(sb.nlog < 2 || sb.logstart != 2 || sb.inodestart != sb.logstart + sb.nlog)
    return "the log area is out of place";
  if(sb.ninodes < 2 || sb.bmapstart != sb.inodestart + ninodeblocks)
    return "the inode area is out of place";
  if(sb.bmapstart + nbitmap >= sb.size || sb.nblocks != sb.size - sb.bmapstart - nbitmap)
    return "the bitmap or data area is out of place";
  return 0;
}

void
fsinit(int dev)
{
  readsb(dev, &sb);
  if(sb.magic != FSMAGIC)
    panic("fsinit: not a file-system image");
  char *why = badsb(virtio_disk_blocks());
  if(why){
    printf("fsinit: the superblock is corrupt: %s (%d blocks, log %d+%d, inodes %d at %d, bitmap at %d; disk %d blocks)\n",
           why, sb.size, sb.logstart, sb.nlog, sb.ninodes, sb.inodestart, sb.bmapstart, (int)virtio_disk_blocks());
    panic("fsinit: corrupt superblock");
  }
  fs_readonly = virtio_disk_readonly();
  if(fs_readonly)
    printf("fs: the disk is read-only: every change is refused\n");
  initlog(dev, &sb, fs_readonly);
  // Freeing orphans writes; on a read-only disk they stay until a writable boot.
  if(!fs_readonly)
    reclaim_orphans(dev);
}

// ---- file contents ----

// The address in *slot, allocating a block there first when it is 0 (and
// logging `holder`, the block *slot lives in, if any); 0 when the disk is full.
static uint
ensure(struct inode *ip, uint *slot, struct buf *holder)
{
  // Only a damaged disk names a block outside the data area; reading it
  // would fail in the driver with no word of which inode was at fault.
  uint first = sb.bmapstart + sb.size / BPB + 1;
  if(*slot != 0 && (*slot < first || *slot >= sb.size)){
    printf("fs: inode %d names block %d, outside the data area [%d, %d): the disk is damaged (xv6-wasm fsck)\n",
           ip->inum, *slot, first, sb.size);
    panic("bmap: block address outside the data area");
  }
  if(*slot == 0){
    if(fs_readonly)
      return 0;   // a hole reads as the end of the file: no allocating
    uint a = balloc(ip->dev);
    if(a == 0)
      return 0;
    *slot = a;
    if(holder)
      log_write(holder);
  }
  return *slot;
}

// The disk block holding file block bn, allocated (with any index blocks on
// the way) if missing; 0 when the disk is full.
static uint
bmap(struct inode *ip, uint bn)
{
  if(bn < NDIRECT)
    return ensure(ip, &ip->addrs[bn], 0);
  bn -= NDIRECT;
  int depth = 1;
  if(bn >= NINDIRECT){
    bn -= NINDIRECT;
    depth = 2;
    if(bn >= NINDIRECT * NINDIRECT)
      panic("bmap: beyond the largest file");
  }
  uint a = ensure(ip, &ip->addrs[NDIRECT + depth - 1], 0);
  for(; a != 0 && depth > 0; depth--){
    uint span = depth == 2 ? NINDIRECT : 1;
    struct buf *bp = bread(ip->dev, a);
    a = ensure(ip, &((uint *)bp->data)[bn / span], bp);
    brelse(bp);
    bn %= span;
  }
  return a;
}

void
stati(struct inode *ip, struct stat *st)
{
  st->dev = ip->dev;
  st->ino = ip->inum;
  st->type = ip->type;
  st->nlink = ip->nlink;
  st->size = ip->size;
}

// Copies up to n bytes from offset off of ip (locked) to dst, a user
// address when user_dst; returns the count, or -1 if dst is bad.
int
readi(struct inode *ip, int user_dst, uint64 dst, uint off, uint n)
{
  if(off > ip->size || off + n < off)
    return 0;
  if(off + n > ip->size)
    n = ip->size - off;

  uint tot;
  for(tot = 0; tot < n; ){
    uint addr = bmap(ip, off / BSIZE);
    if(addr == 0)
      break;
    struct buf *bp = bread(ip->dev, addr);
    uint m = min(n - tot, BSIZE - off % BSIZE);
    if(either_copyout(user_dst, dst, bp->data + off % BSIZE, m) == -1){
      brelse(bp);
      return -1;
    }
    brelse(bp);
    tot += m;
    off += m;
    dst += m;
  }
  return tot;
}

// Copies n bytes from src (a user address when user_src) to offset off of
// ip (locked, inside a transaction), growing the file; returns the count
// written, which is short when the disk fills or src goes bad.
int
writei(struct inode *ip, int user_src, uint64 src, uint off, uint n)
{
  if(off > ip->size || off + n < off)
    return -1;
  if((uint64)off + n > (uint64)MAXFILE * BSIZE)
    return -1;

  uint tot;
  int badsrc = 0;
  for(tot = 0; tot < n; ){
    uint addr = bmap(ip, off / BSIZE);
    if(addr == 0)
      break;
    struct buf *bp = bread(ip->dev, addr);
    uint m = min(n - tot, BSIZE - off % BSIZE);
    if(either_copyin(bp->data + off % BSIZE, user_src, src, m) == -1){
      brelse(bp);
      badsrc = 1;
      break;
    }
    log_write(bp);
    brelse(bp);
    tot += m;
    off += m;
    src += m;
  }
  if(off > ip->size)
    ip->size = off;
  if(badsrc)
    itrim(ip, (ip->size + BSIZE - 1) / BSIZE);  // the block bmap just added, if any
  // bmap may have changed ip->addrs even when size did not change.
  iupdate(ip);
  return tot;
}

// ---- directories ----

int
namecmp(const char *s, const char *t)
{
  return strncmp(s, t, DIRSIZ);
}

// The inode dp (a locked directory) names `name`, referenced and unlocked,
// or 0; *poff gets the entry's offset.
struct inode*
dirlookup(struct inode *dp, char *name, uint *poff)
{
  struct dirent de;

  if(dp->type != T_DIR)
    panic("dirlookup: not a directory");
  for(uint off = 0; off < dp->size; off += sizeof(de)){
    if(readi(dp, 0, (uint64)&de, off, sizeof(de)) != sizeof(de))
      panic("dirlookup: short read");
    if(de.inum != 0 && namecmp(name, de.name) == 0){
      if(poff)
        *poff = off;
      return iget(dp->dev, de.inum);
    }
  }
  return 0;
}

// Adds the entry (name, inum) to dp (locked); -1 if name is taken or the
// disk is full.
int
dirlink(struct inode *dp, char *name, uint inum)
{
  struct dirent de;
  struct inode *ip;
  uint off;

  if((ip = dirlookup(dp, name, 0)) != 0){
    iput(ip);
    return -1;
  }
  for(off = 0; off < dp->size; off += sizeof(de)){
    if(readi(dp, 0, (uint64)&de, off, sizeof(de)) != sizeof(de))
      panic("dirlink: short read");
    if(de.inum == 0)
      break;
  }
  memset(&de, 0, sizeof(de));
  strncpy(de.name, name, DIRSIZ);
  de.inum = inum;
  if(writei(dp, 0, (uint64)&de, off, sizeof(de)) != sizeof(de))
    return -1;
  return 0;
}

// ---- path names ----

// Copies the next element of path into name (DIRSIZ bytes, truncated) and
// returns what follows it, leading slashes skipped; 0 when none is left.
//   skipelem("a/bb/c", name) = "bb/c", name "a";  skipelem("///", name) = 0
static char*
skipelem(char *path, char *name)
{
  while(*path == '/')
    path++;
  if(*path == 0)
    return 0;
  char *s = path;
  while(*path != '/' && *path != 0)
    path++;
  int len = path - s;
  if(len >= DIRSIZ){
    memmove(name, s, DIRSIZ);
  } else {
    memmove(name, s, len);
    name[len] = 0;
  }
  while(*path == '/')
    path++;
  return path;
}

// The inode for path, or with parent set, the inode of its directory with
// the last element copied into name. Returned referenced, unlocked.
static struct inode*
namex(char *path, int parent, char *name)
{
  struct inode *ip, *next;

  // A pgroup's processes live under its root: "/" is that directory, and
  // ".." there stays there, so no path leads out.
  struct proc *p = myproc();
  uint root = p ? pg_rootinum(p->pgroup) : ROOTINO;
  if(*path == '/')
    ip = iget(ROOTDEV, root);
  else
    ip = idup(p->cwd);

  while((path = skipelem(path, name)) != 0){
    ilock(ip);
    if(ip->type != T_DIR){
      iunlockput(ip);
      return 0;
    }
    if(parent && *path == 0){
      iunlock(ip);
      return ip;
    }
    if(ip->inum == root && namecmp(name, "..") == 0){
      iunlock(ip);
      continue;
    }
    // Unlock before the next: locking a child while holding ".." could deadlock.
    if((next = dirlookup(ip, name, 0)) == 0){
      iunlockput(ip);
      return 0;
    }
    iunlockput(ip);
    ip = next;
  }
  if(parent){
    iput(ip);
    return 0;
  }
  return ip;
}

// The directory a pgroup's root path led to, referenced.
struct inode*
iroot(uint inum)
{
  return iget(ROOTDEV, inum);
}

struct inode*
namei(char *path)
{
  char name[DIRSIZ];
  return namex(path, 0, name);
}

struct inode*
nameiparent(char *path, char *name)
{
  return namex(path, 1, name);
}
