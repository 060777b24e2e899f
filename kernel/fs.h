// The on-disk file system, shared with the host's mkfs and fsck through the
// FS_* constants of platform/platform.json (host/fs/layout.ts reads the same
// table and the same field order).
//
// [ boot | super | log: header, LOGSIZE blocks | inodes | free bitmap | data ]
//   0      1       2 ..                          sb.inodestart  sb.bmapstart
#ifndef FS_H
#define FS_H
#include "platform.h"

#define BSIZE      ((int)FS_BSIZE)       // block size in bytes
#define FSMAGIC    ((uint)FS_MAGIC)
#define ROOTINO    ((uint)FS_ROOTINO)    // root directory's inode number
#define NDIRECT    ((int)FS_NDIRECT)
#define NINDIRECT  ((int)FS_NINDIRECT)   // addresses in one block
#define DIRSIZ     ((int)FS_DIRSIZ)

// Largest file in blocks: direct, then single-, then double-indirect.
#define MAXFILE    (NDIRECT + NINDIRECT + NINDIRECT * NINDIRECT)

// Block 1. mkfs writes it; the kernel only reads it.
struct superblock {
  uint magic;        // FSMAGIC
  uint size;         // image size in blocks
  uint nblocks;      // data blocks
  uint ninodes;
  uint nlog;         // log blocks, the header included
  uint logstart;
  uint inodestart;
  uint bmapstart;
};

// An inode on disk. addrs[NDIRECT] is the single-indirect block,
// addrs[NDIRECT+1] the double-indirect one.
struct dinode {
  short type;        // 0 = free, T_DIR, T_FILE, T_DEVICE
  short major;       // devices only
  short minor;
  short nlink;       // directory entries naming this inode
  uint size;         // bytes
  uint addrs[NDIRECT + 2];
};

// A directory is a file of these; inum 0 marks a free slot.
struct dirent {
  ushort inum;
  char name[DIRSIZ]; // NUL-padded; not NUL-terminated when DIRSIZ long
};

_Static_assert(sizeof(struct dinode) == FS_DINODE_SIZE, "dinode does not match platform.json");
_Static_assert(sizeof(struct dirent) == FS_DIRENT_SIZE, "dirent does not match platform.json");
_Static_assert(NINDIRECT * sizeof(uint) == BSIZE, "an indirect block holds NINDIRECT addresses");

#define IPB           (BSIZE / (int)sizeof(struct dinode))   // inodes per block
#define IBLOCK(i, sb) ((i) / IPB + (sb).inodestart)          // block holding inode i
#define BPB           (BSIZE * 8)                            // bitmap bits per block
#define BBLOCK(b, sb) ((b) / BPB + (sb).bmapstart)           // bitmap block for block b

extern struct superblock sb;
#endif
