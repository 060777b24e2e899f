// The system-wide table of open files. A struct file is what a file
// descriptor points to: a pipe end, an inode with an offset, or a device.
// fork() and dup() share one struct file between descriptors (ref).
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "proc.h"
#include "fs.h"
#include "file.h"
#include "stat.h"
#include "defs.h"

struct devsw devsw[NDEV];

static struct {
  struct spinlock lock;   // ref and type of every entry
  struct file file[NFILE];
} ftable;

void
fileinit(void)
{
  initlock(&ftable.lock, "ftable");
}

// An unused entry with one reference, or 0 when the table is full.
struct file*
filealloc(void)
{
  acquire(&ftable.lock);
  for(struct file *f = ftable.file; f < ftable.file + NFILE; f++){
    if(f->ref == 0){
      f->ref = 1;
      release(&ftable.lock);
      return f;
    }
  }
  release(&ftable.lock);
  return 0;
}

// The console of UART unit, opened for reading and writing without an
// inode: how a pgroup's first process gets its console (pgfork), whatever
// its root directory holds. 0 when the file table is full.
struct file*
console_file(int unit)
{
  struct file *f = filealloc();
  if(f == 0)
    return 0;
  f->type = FD_DEVICE;
  f->major = CONSOLE;
  f->minor = unit;
  f->ip = 0;
  f->readable = 1;
  f->writable = 1;
  return f;
}

struct file*
filedup(struct file *f)
{
  acquire(&ftable.lock);
  if(f->ref < 1)
    panic("filedup: file not open");
  f->ref++;
  release(&ftable.lock);
  return f;
}

// Drops a reference; the last one closes the pipe end or the inode.
void
fileclose(struct file *f)
{
  acquire(&ftable.lock);
  if(f->ref < 1)
    panic("fileclose: file not open");
  if(--f->ref > 0){
    release(&ftable.lock);
    return;
  }
  struct file ff = *f;   // the entry may be reused once the lock is gone
  f->ref = 0;
  f->type = FD_NONE;
  release(&ftable.lock);

  if(ff.type == FD_PIPE){
    pipeclose(ff.pipe, ff.writable);
  } else if((ff.type == FD_INODE || ff.type == FD_DEVICE) && ff.ip){
    // The last reference may free the inode on disk.
    begin_op();
    iput(ff.ip);
    end_op();
  }
}

// Copies f's metadata to the user address addr; -1 if addr is bad or f
// has no inode.
int
filestat(struct file *f, uint64 addr)
{
  struct stat st;

  if(f->type != FD_INODE && f->type != FD_DEVICE)
    return -1;
  if(f->ip){
    ilock(f->ip);
    stati(f->ip, &st);
    iunlock(f->ip);
  } else {
    // A device opened by the kernel (a group's console) has no inode.
    memset(&st, 0, sizeof(st));
    st.type = T_DEVICE;
    st.nlink = 1;
  }
  if(copyout(myproc()->pagetable, addr, (char *)&st, sizeof(st)) < 0)
    return -1;
  return 0;
}

int
fileread(struct file *f, uint64 addr, int n)
{
  int r;

  if(!f->readable)
    return -1;
  switch(f->type){
  case FD_PIPE:
    return piperead(f->pipe, addr, n);
  case FD_DEVICE:
    if(f->major < 0 || f->major >= NDEV || !devsw[f->major].read)
      return -1;
    return devsw[f->major].read(f->minor, 1, addr, n);
  case FD_INODE:
    ilock(f->ip);
    if((r = readi(f->ip, 1, addr, f->off, n)) > 0)
      f->off += r;
    iunlock(f->ip);
    return r;
  default:
    panic("fileread: bad file type");
  }
}

// Writes to an inode go in pieces small enough for one transaction each:
// the inode, the bitmap (two blocks), up to three index blocks of the
// double-indirect tree, and the data blocks, one more when unaligned.
#define WRITE_CHUNK (((MAXOPBLOCKS - 1 - 2 - 3) - 1) * BSIZE)

int
filewrite(struct file *f, uint64 addr, int n)
{
  if(!f->writable)
    return -1;
  switch(f->type){
  case FD_PIPE:
    return pipewrite(f->pipe, addr, n);
  case FD_DEVICE:
    if(f->major < 0 || f->major >= NDEV || !devsw[f->major].write)
      return -1;
    return devsw[f->major].write(f->minor, 1, addr, n);
  case FD_INODE: {
    if(fs_readonly)
      return -1;   // sys_open gives no writable file there; stay safe anyway
    int done = 0;
    while(done < n){
      int n1 = n - done;
      if(n1 > WRITE_CHUNK)
        n1 = WRITE_CHUNK;
      begin_op();
      ilock(f->ip);
      int r = writei(f->ip, 1, addr + done, f->off, n1);
      if(r > 0)
        f->off += r;
      iunlock(f->ip);
      end_op();
      if(r != n1)
        break;   // disk full or a bad address
      done += r;
    }
    return done == n ? n : -1;
  }
  default:
    panic("filewrite: bad file type");
  }
}
