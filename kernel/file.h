// Open files, in-memory inodes and character devices.
#ifndef FILE_H
#define FILE_H

struct file {
  enum { FD_NONE, FD_PIPE, FD_INODE, FD_DEVICE } type;
  int ref;               // file descriptors (in any process) sharing this
  char readable;
  char writable;
  struct pipe *pipe;     // FD_PIPE
  struct inode *ip;      // FD_INODE and FD_DEVICE
  uint off;              // FD_INODE
  short major;           // FD_DEVICE
  short minor;           // FD_DEVICE: which unit (the console's UART)
};

#define major(dev)  ((dev) >> 16 & 0xFFFF)
#define minor(dev)  ((dev) & 0xFFFF)
#define mkdev(m, n) ((uint)((m) << 16 | (n)))

// An inode in memory: a cached copy of a dinode plus bookkeeping.
struct inode {
  uint dev;
  uint inum;
  int ref;               // C pointers to it; itable.lock guards
  struct sleeplock lock; // guards everything below
  int valid;             // read from disk yet?

  short type;            // copy of the dinode
  short major;
  short minor;
  short nlink;
  uint size;
  uint addrs[NDIRECT + 2];
};

// A character device's read and write, indexed by major number; minor is
// the open file's, so that the file, not the process, picks the unit.
struct devsw {
  int (*read)(int minor, int user_dst, uint64 dst, int n);
  int (*write)(int minor, int user_src, uint64 src, int n);
};

extern struct devsw devsw[];

#define CONSOLE 1        // major number of the console
#endif
