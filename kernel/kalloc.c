// The physical page allocator: 4096-byte pages between the end of the
// kernel image and the end of RAM (from the FDT), for user memory, page
// tables, kernel stacks and pipe buffers. Every page goes through
// kalloc/kfree, so a later owner (a pgroup's memory.max) can be charged in
// these two functions alone.
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "defs.h"

extern char end[];   // first address after the kernel image (kernel.ld)

// Junk patterns, so that use of a freed page or of uninitialised memory
// shows up as an obviously bad pointer instead of silently working.
#define JUNK_FREED 0x0101010101010101UL
#define JUNK_FRESH 0x0505050505050505UL

struct run {
  struct run *next;
};

static struct {
  struct spinlock lock;
  struct run *freelist;
  uint64 nfree;
} kmem;

static void
freepage(void *pa)
{
  struct run *r = pa;
  acquire(&kmem.lock);
  r->next = kmem.freelist;
  kmem.freelist = r;
  kmem.nfree++;
  release(&kmem.lock);
}

void
kinit(void)
{
  initlock(&kmem.lock, "kmem");
  // Pages never used yet hold nothing that could dangle: skip the fill.
  for(uint64 p = PGROUNDUP((uint64)end); p + PGSIZE <= machine.ram_end; p += PGSIZE)
    freepage((void *)p);
}

void
kfree(void *pa)
{
  uint64 p = (uint64)pa;
  if(p % PGSIZE != 0 || p < (uint64)end || p >= machine.ram_end)
    panic("kfree");
  pagefill(pa, JUNK_FREED);
  freepage(pa);
}

// Returns a page, or 0 when memory is exhausted.
void *
kalloc(void)
{
  acquire(&kmem.lock);
  struct run *r = kmem.freelist;
  if(r){
    kmem.freelist = r->next;
    kmem.nfree--;
  }
  release(&kmem.lock);
  if(r)
    pagefill(r, JUNK_FRESH);
  return r;
}

uint64
kfreepages(void)
{
  return kmem.nfree;
}
