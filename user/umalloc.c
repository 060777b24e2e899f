// malloc and free over sbrk: one circular list of free blocks kept in
// address order, so that free can merge a block with its neighbours and
// long-running programs do not fragment the heap into crumbs.
#include "user/user.h"

// Every block, free or in use, starts with this header. Sizes count
// header-sized units so that every block stays 16-byte aligned.
struct hdr {
  struct hdr *next;   // next free block (only meaningful while free)
  uint64 units;       // size of the block, header included
};

static struct hdr base;      // zero-size block that anchors the list
static struct hdr *freelist; // where the last search ended

// Ask the kernel for at least `units` more and put it on the free list.
static struct hdr *
grow(uint64 units)
{
  // Small sbrk calls would each cost a system call and a page fault path;
  // take at least 64 KiB at a time.
  if(units < 4096)
    units = 4096;
  if(units > 0x7fffffff / sizeof(struct hdr))
    return 0;
  char *p = sbrk(units * sizeof(struct hdr));
  if(p == (char *)-1)
    return 0;
  struct hdr *h = (struct hdr *)p;
  h->units = units;
  free(h + 1);
  return freelist;
}

void *
malloc(uint n)
{
  uint64 units = ((uint64)n + sizeof(struct hdr) - 1) / sizeof(struct hdr) + 1;
  if(freelist == 0){
    base.next = &base;
    base.units = 0;
    freelist = &base;
  }
  struct hdr *prev = freelist;
  for(struct hdr *h = prev->next; ; prev = h, h = h->next){
    if(h->units >= units){
      if(h->units == units){
        prev->next = h->next;
      } else {
        // Hand out the tail so the free block's header stays in the list.
        h->units -= units;
        h += h->units;
        h->units = units;
      }
      freelist = prev;
      return h + 1;
    }
    if(h == freelist){
      // Went all the way round without a fit.
      h = grow(units);
      if(h == 0)
        return 0;
    }
  }
}

void
free(void *p)
{
  if(p == 0)
    return;
  struct hdr *b = (struct hdr *)p - 1;
  // Find the free block just below b in address order (the list wraps at
  // its highest block back to the lowest).
  struct hdr *h = freelist;
  while(!(b > h && b < h->next)){
    if(h >= h->next && (b > h || b < h->next))
      break;
    h = h->next;
  }
  if(b + b->units == h->next){
    b->units += h->next->units;
    b->next = h->next->next;
  } else {
    b->next = h->next;
  }
  if(h + h->units == b){
    h->units += b->units;
    h->next = b->next;
  } else {
    h->next = b;
  }
  freelist = h;
}
