// One cached disk block (bio.c). The sleep-lock guards data; bcache.lock
// guards the rest.
#ifndef BUF_H
#define BUF_H
struct buf {
  int valid;             // data holds the block's contents
  int disk;              // the disk owns it: set while a request is in flight
  uint dev;
  uint blockno;
  struct sleeplock lock;
  uint refcnt;
  struct buf *prev;      // LRU list, most recently used first
  struct buf *next;
  uchar data[BSIZE];
};
#endif
