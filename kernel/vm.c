// Sv39 page tables: the kernel's (one-to-one over devices and RAM), each
// process's, and the only safe ways across between the two (copyin/copyout).
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "defs.h"

pagetable_t kernel_pagetable;

extern char etext[];       // end of kernel text (kernel.ld)
extern char trampoline[];  // trampoline.S

static pagetable_t
kvmmake(void)
{
  pagetable_t kpgtbl = kalloc();
  if(kpgtbl == 0)
    panic("kvmmake");
  memset(kpgtbl, 0, PGSIZE);

  kvmmap(kpgtbl, FINISHER_BASE, FINISHER_BASE, PGSIZE, PTE_R | PTE_W);
  // Only the msip words: supervisor IPIs (see mvec.S).
  kvmmap(kpgtbl, CLINT_BASE, CLINT_BASE, PGSIZE, PTE_R | PTE_W);
  // Priorities, enables and the claim registers of all S-mode contexts.
  kvmmap(kpgtbl, PLIC_BASE, PLIC_BASE, PLIC_SCLAIM(NCPU) - PLIC_BASE, PTE_R | PTE_W);
  for(int i = 0; i < machine.nuart; i++)
    kvmmap(kpgtbl, machine.uart[i].base, machine.uart[i].base, PGSIZE, PTE_R | PTE_W);
  kvmmap(kpgtbl, VIRTIO0_BASE, VIRTIO0_BASE, VIRTIO0_SIZE, PTE_R | PTE_W);
  if(machine.telemetry)
    kvmmap(kpgtbl, machine.telemetry, machine.telemetry, TELEM_SIZE, PTE_R | PTE_W);

  kvmmap(kpgtbl, KERNBASE, KERNBASE, (uint64)etext - KERNBASE, PTE_R | PTE_X);
  kvmmap(kpgtbl, (uint64)etext, (uint64)etext, machine.ram_end - (uint64)etext, PTE_R | PTE_W);
  kvmmap(kpgtbl, TRAMPOLINE, (uint64)trampoline, PGSIZE, PTE_R | PTE_X);

  proc_mapstacks(kpgtbl);
  return kpgtbl;
}

void
kvminit(void)
{
  kernel_pagetable = kvmmake();
}

// Turn on paging on this hart.
void
kvminithart(void)
{
  sfence_vma();   // earlier page-table stores are visible to the walker
  asid_probe(MAKE_SATP(kernel_pagetable));
  sfence_vma();   // no stale translations
}

// The PTE for va, creating the intermediate tables if alloc.
pte_t *
walk(pagetable_t pagetable, uint64 va, int alloc)
{
  if(va >= MAXVA)
    panic("walk");
  for(int level = 2; level > 0; level--){
    pte_t *pte = &pagetable[PX(level, va)];
    if(*pte & PTE_V){
      pagetable = (pagetable_t)PTE2PA(*pte);
    } else {
      if(!alloc || (pagetable = kalloc()) == 0)
        return 0;
      memset(pagetable, 0, PGSIZE);
      *pte = PA2PTE(pagetable) | PTE_V;
    }
  }
  return &pagetable[PX(0, va)];
}

// The physical address of a user page, or 0 if va is not a mapped user page.
uint64
walkaddr(pagetable_t pagetable, uint64 va)
{
  if(va >= MAXVA)
    return 0;
  pte_t *pte = walk(pagetable, va, 0);
  if(pte == 0 || (*pte & PTE_V) == 0 || (*pte & PTE_U) == 0)
    return 0;
  return PTE2PA(*pte);
}

void
kvmmap(pagetable_t kpgtbl, uint64 va, uint64 pa, uint64 sz, int perm)
{
  if(mappages(kpgtbl, va, sz, pa, perm) != 0)
    panic("kvmmap");
}

// Map [va, va+size) to pa onwards; va and size need not be page-aligned.
// Returns -1 if a page table could not be allocated.
int
mappages(pagetable_t pagetable, uint64 va, uint64 size, uint64 pa, int perm)
{
  if(size == 0)
    panic("mappages: size");
  uint64 a = PGROUNDDOWN(va), last = PGROUNDDOWN(va + size - 1);
  for(;; a += PGSIZE, pa += PGSIZE){
    pte_t *pte = walk(pagetable, a, 1);
    if(pte == 0)
      return -1;
    if(*pte & PTE_V)
      panic("mappages: remap");
    // A and D preset: hardware need not update them (Svade is allowed).
    *pte = PA2PTE(pa) | perm | PTE_V | PTE_A | PTE_D;
    if(a == last)
      return 0;
  }
}

// Remove npages mappings from va (page-aligned, all mapped), optionally
// freeing the pages.
void
uvmunmap(pagetable_t pagetable, uint64 va, uint64 npages, int do_free)
{
  if(va % PGSIZE)
    panic("uvmunmap: align");
  for(uint64 a = va; a < va + npages * PGSIZE; a += PGSIZE){
    pte_t *pte = walk(pagetable, a, 0);
    if(pte == 0 || (*pte & PTE_V) == 0)
      panic("uvmunmap: not mapped");
    if(PTE_FLAGS(*pte) == PTE_V)
      panic("uvmunmap: not a leaf");
    if(do_free)
      kfree((void *)PTE2PA(*pte));
    *pte = 0;
  }
}

pagetable_t
uvmcreate(void)
{
  pagetable_t pagetable = kalloc();
  if(pagetable)
    memset(pagetable, 0, PGSIZE);
  return pagetable;
}

// Grow a process from oldsz to newsz bytes with zeroed pages, readable by
// the user plus xperm (PTE_W and/or PTE_X). Returns the new size, or 0 with
// nothing changed if memory ran out.
uint64
uvmalloc(pagetable_t pagetable, uint64 oldsz, uint64 newsz, int xperm)
{
  if(newsz < oldsz)
    return oldsz;
  for(uint64 a = PGROUNDUP(oldsz); a < newsz; a += PGSIZE){
    char *mem = kalloc();
    if(mem == 0){
      uvmdealloc(pagetable, a, oldsz);
      return 0;
    }
    memset(mem, 0, PGSIZE);
    if(mappages(pagetable, a, PGSIZE, (uint64)mem, PTE_R | PTE_U | xperm) != 0){
      kfree(mem);
      uvmdealloc(pagetable, a, oldsz);
      return 0;
    }
  }
  return newsz;
}

// Shrink from oldsz to newsz, freeing pages. Returns the new size.
uint64
uvmdealloc(pagetable_t pagetable, uint64 oldsz, uint64 newsz)
{
  if(newsz >= oldsz)
    return oldsz;
  if(PGROUNDUP(newsz) < PGROUNDUP(oldsz)){
    uint64 npages = (PGROUNDUP(oldsz) - PGROUNDUP(newsz)) / PGSIZE;
    uvmunmap(pagetable, PGROUNDUP(newsz), npages, 1);
  }
  return newsz;
}

// Free the page-table pages themselves; the leaves must be gone already.
static void
freewalk(pagetable_t pagetable)
{
  for(int i = 0; i < 512; i++){
    pte_t pte = pagetable[i];
    if((pte & PTE_V) && (pte & (PTE_R | PTE_W | PTE_X)) == 0){
      freewalk((pagetable_t)PTE2PA(pte));
      pagetable[i] = 0;
    } else if(pte & PTE_V){
      panic("freewalk: leaf");
    }
  }
  kfree(pagetable);
}

void
uvmfree(pagetable_t pagetable, uint64 sz)
{
  if(sz > 0)
    uvmunmap(pagetable, 0, PGROUNDUP(sz) / PGSIZE, 1);
  freewalk(pagetable);
}

// Copy a parent's memory, contents and permissions, into a child's page
// table (fork). On failure frees what it mapped and returns -1.
int
uvmcopy(pagetable_t old, pagetable_t new, uint64 sz)
{
  uint64 a;
  for(a = 0; a < sz; a += PGSIZE){
    pte_t *pte = walk(old, a, 0);
    if(pte == 0 || (*pte & PTE_V) == 0)
      panic("uvmcopy: page not present");
    char *mem = kalloc();
    if(mem == 0)
      goto fail;
    memmove(mem, (char *)PTE2PA(*pte), PGSIZE);
    if(mappages(new, a, PGSIZE, (uint64)mem, PTE_FLAGS(*pte) & ~(PTE_V | PTE_A | PTE_D)) != 0){
      kfree(mem);
      goto fail;
    }
  }
  return 0;

fail:
  if(a > 0)
    uvmunmap(new, 0, a / PGSIZE, 1);
  return -1;
}

// Make a page inaccessible to the user: the stack guard page.
void
uvmclear(pagetable_t pagetable, uint64 va)
{
  pte_t *pte = walk(pagetable, va, 0);
  if(pte == 0)
    panic("uvmclear");
  *pte &= ~PTE_U;
}

// The physical address behind a user virtual page if the user may write it.
static uint64
user_writable_pa(pagetable_t pagetable, uint64 va)
{
  if(va >= MAXVA)
    return 0;
  pte_t *pte = walk(pagetable, va, 0);
  if(pte == 0 || (*pte & (PTE_V | PTE_U | PTE_W)) != (PTE_V | PTE_U | PTE_W))
    return 0;
  return PTE2PA(*pte);
}

// Copy len bytes between kernel buffer k and user address uva, a page at a
// time, in the direction to_user says. -1 if any user byte is not mapped
// user memory, or, when writing, not user-writable (kernel addresses,
// unmapped pages, read-only text and the guard page all count).
static int
copyuser(pagetable_t pagetable, uint64 uva, char *k, uint64 len, int to_user)
{
  while(len > 0){
    uint64 va0 = PGROUNDDOWN(uva);
    uint64 pa0 = to_user ? user_writable_pa(pagetable, va0) : walkaddr(pagetable, va0);
    if(pa0 == 0)
      return -1;
    uint64 n = PGSIZE - (uva - va0);
    if(n > len)
      n = len;
    char *u = (char *)(pa0 + (uva - va0));
    if(to_user)
      memmove(u, k, n);
    else
      memmove(k, u, n);
    len -= n;
    k += n;
    uva = va0 + PGSIZE;
  }
  return 0;
}

// Copy len bytes from the kernel to user address dstva.
int
copyout(pagetable_t pagetable, uint64 dstva, char *src, uint64 len)
{
  return copyuser(pagetable, dstva, src, len, 1);
}

// Copy len bytes from user address srcva into the kernel.
int
copyin(pagetable_t pagetable, char *dst, uint64 srcva, uint64 len)
{
  return copyuser(pagetable, srcva, dst, len, 0);
}

// Copy a NUL-terminated string of at most max bytes (NUL included) from
// the user; -1 if it is unmapped or longer.
int
copyinstr(pagetable_t pagetable, char *dst, uint64 srcva, uint64 max)
{
  while(max > 0){
    uint64 va0 = PGROUNDDOWN(srcva);
    uint64 pa0 = walkaddr(pagetable, va0);
    if(pa0 == 0)
      return -1;
    uint64 n = PGSIZE - (srcva - va0);
    if(n > max)
      n = max;
    char *p = (char *)(pa0 + (srcva - va0));
    for(; n > 0; n--, max--, p++, dst++){
      *dst = *p;
      if(*p == 0)
        return 0;
    }
    srcva = va0 + PGSIZE;
  }
  return -1;
}
