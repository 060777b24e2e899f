// The physical page allocator: 4096-byte pages between the end of the
// kernel image and the end of RAM (from the FDT), for user memory, page
// tables, kernel stacks and pipe buffers. Every page goes through
// kalloc/kfree, which charge it to a pgroup (memory.max) and uncharge it
// from the group that was charged, whoever frees it: a byte per page of
// RAM records that group.
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "proc.h"
#include "pgkern.h"
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
  uint64 npages;   // pages the allocator manages
  uchar *owner;    // per page of RAM: 0, or the charged group + 1 (kmem.lock)
} kmem;

static uchar *
ownerof(void *pa)
{
  return &kmem.owner[((uint64)pa - RAM_BASE) / PGSIZE];
}

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
  uint64 owners = (machine.ram_end - RAM_BASE) / PGSIZE;
  kmem.owner = (uchar *)PGROUNDUP((uint64)end);
  memset(kmem.owner, 0, owners);
  // Pages never used yet hold nothing that could dangle: skip the fill.
  for(uint64 p = PGROUNDUP((uint64)kmem.owner + owners); p + PGSIZE <= machine.ram_end; p += PGSIZE){
    freepage((void *)p);
    kmem.npages++;
  }
}

void
kfree(void *pa)
{
  uint64 p = (uint64)pa;
  if(p % PGSIZE != 0 || p < (uint64)end || p >= machine.ram_end)
    panic("kfree");
  pagefill(pa, JUNK_FREED);
  acquire(&kmem.lock);
  int g = *ownerof(pa) - 1;
  *ownerof(pa) = 0;
  release(&kmem.lock);
  pg_mem_uncharge(g);
  freepage(pa);
}

// The group a page taken now is charged to: the running process's chargeg
// (its own group, or the group of a child it is forking); none outside a
// process.
static int
charge_target(void)
{
  struct proc *p = myproc();
  return p ? p->chargeg : PG_NOGROUP;
}

// Returns a page, or 0 when memory or the charged group's memory.max is
// exhausted.
void *
kalloc(void)
{
  int g = charge_target();
  if(pg_mem_charge(g) < 0)
    return 0;
  acquire(&kmem.lock);
  struct run *r = kmem.freelist;
  if(r){
    kmem.freelist = r->next;
    kmem.nfree--;
    *ownerof(r) = g + 1;
  }
  release(&kmem.lock);
  if(r == 0){
    pg_mem_uncharge(g);
    return 0;
  }
  pagefill(r, JUNK_FRESH);
  return r;
}

// Every page charged to group `from` is charged to `to` instead; how many.
// (The caller moves the counters.)
uint64
kalloc_recharge(int from, int to)
{
  uint64 n = 0;
  uint64 owners = (machine.ram_end - RAM_BASE) / PGSIZE;
  acquire(&kmem.lock);
  for(uint64 i = 0; i < owners; i++){
    if(kmem.owner[i] == from + 1){
      kmem.owner[i] = to + 1;
      n++;
    }
  }
  release(&kmem.lock);
  return n;
}

uint64
kfreepages(void)
{
  return kmem.nfree;
}

uint64
ktotalpages(void)
{
  return kmem.npages;
}
