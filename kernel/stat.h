// What fstat reports; shared by the kernel and user programs.
#ifndef STAT_H
#define STAT_H
#include "platform.h"

#define T_DIR     ((short)FS_T_DIR)
#define T_FILE    ((short)FS_T_FILE)
#define T_DEVICE  ((short)FS_T_DEVICE)

struct stat {
  int dev;       // file system's device number
  uint ino;
  short type;
  short nlink;
  uint64 size;   // bytes
};
#endif
