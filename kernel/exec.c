// exec: replace the caller's memory with a program from the file system.
// User layout: the ELF's loadable segments from 0 (each page with exactly
// the permissions its segment's flags give: text is not writable, data is
// not executable), a guard page, USERSTACK stack pages, then the heap.
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "spinlock.h"
#include "proc.h"
#include "elf.h"
#include "defs.h"

static int
flags2perm(int flags)
{
  int perm = 0;
  if(flags & ELF_PROG_FLAG_X)
    perm |= PTE_X;
  if(flags & ELF_PROG_FLAG_W)
    perm |= PTE_W;
  return perm;
}

// Read a segment's file bytes into pages already mapped at va (page-aligned).
static int
loadseg(pagetable_t pagetable, uint64 va, struct inode *ip, uint off, uint sz)
{
  for(uint i = 0; i < sz; i += PGSIZE){
    uint64 pa = walkaddr(pagetable, va + i);
    if(pa == 0)
      panic("loadseg: address should exist");
    uint n = sz - i < PGSIZE ? sz - i : PGSIZE;
    if(readi(ip, 0, pa, off + i, n) != n)
      return -1;
  }
  return 0;
}

// Pages of segments may be shared by neighbouring segments only if their
// permissions agree; xv6-style linker scripts page-align every segment, and
// we insist on it so that W^X holds page by page.
static int
segment_ok(struct proghdr *ph, uint64 sz)
{
  if(ph->memsz < ph->filesz)
    return 0;
  if(ph->vaddr + ph->memsz < ph->vaddr)
    return 0;
  if(ph->vaddr % PGSIZE != 0 || ph->vaddr < PGROUNDUP(sz))
    return 0;
  if(ph->vaddr + ph->memsz > TRAPFRAME)
    return 0;
  return 1;
}

int
exec(char *path, char **argv)
{
  struct elfhdr elf;
  struct proghdr ph;
  struct inode *ip;
  pagetable_t pagetable = 0;
  uint64 sz = 0;
  struct proc *p = myproc();

  begin_op();
  if((ip = namei(path)) == 0){
    end_op();
    return -1;
  }
  ilock(ip);

  if(readi(ip, 0, (uint64)&elf, 0, sizeof(elf)) != sizeof(elf))
    goto bad;
  if(elf.magic != ELF_MAGIC || elf.ident[0] != ELF_CLASS64 || elf.machine != ELF_MACHINE_RISCV)
    goto bad;
  if((pagetable = proc_pagetable(p)) == 0)
    goto bad;

  for(int i = 0; i < elf.phnum; i++){
    uint off = elf.phoff + i * sizeof(ph);
    if(readi(ip, 0, (uint64)&ph, off, sizeof(ph)) != sizeof(ph))
      goto bad;
    if(ph.type != ELF_PROG_LOAD)
      continue;
    if(!segment_ok(&ph, sz))
      goto bad;
    uint64 sz1 = uvmalloc(pagetable, sz, ph.vaddr + ph.memsz, flags2perm(ph.flags));
    if(sz1 == 0)
      goto bad;
    sz = sz1;
    if(loadseg(pagetable, ph.vaddr, ip, ph.off, ph.filesz) < 0)
      goto bad;
  }
  iunlockput(ip);
  end_op();
  ip = 0;

  // A guard page (user-inaccessible), then the stack.
  sz = PGROUNDUP(sz);
  uint64 sz1 = uvmalloc(pagetable, sz, sz + (USERSTACK + 1) * PGSIZE, PTE_W);
  if(sz1 == 0)
    goto bad;
  sz = sz1;
  uvmclear(pagetable, sz - (USERSTACK + 1) * PGSIZE);
  uint64 sp = sz;
  uint64 stackbase = sp - USERSTACK * PGSIZE;

  // The argument strings, then argv[] pointing at them.
  uint64 ustack[MAXARG + 1];
  uint64 argc;
  for(argc = 0; argv[argc]; argc++){
    if(argc >= MAXARG)
      goto bad;
    sp -= strlen(argv[argc]) + 1;
    sp -= sp % 16;   // the RISC-V ABI's stack alignment
    if(sp < stackbase)
      goto bad;
    if(copyout(pagetable, sp, argv[argc], strlen(argv[argc]) + 1) < 0)
      goto bad;
    ustack[argc] = sp;
  }
  ustack[argc] = 0;
  sp -= (argc + 1) * sizeof(uint64);
  sp -= sp % 16;
  if(sp < stackbase)
    goto bad;
  if(copyout(pagetable, sp, (char *)ustack, (argc + 1) * sizeof(uint64)) < 0)
    goto bad;

  // main(argc, argv): argc comes back as exec's return value in a0.
  p->trapframe->a1 = sp;

  char *last = path, *s;
  for(s = path; *s; s++)
    if(*s == '/')
      last = s + 1;
  safestrcpy(p->name, last, sizeof(p->name));

  // Commit: the old image goes away only now that the new one is complete.
  pagetable_t oldpagetable = p->pagetable;
  uint64 oldsz = p->sz;
  p->pagetable = pagetable;
  asid_changed(p);
  p->sz = sz;
  p->trapframe->epc = elf.entry;
  p->trapframe->sp = sp;
  proc_freepagetable(oldpagetable, oldsz);
  return argc;

bad:
  if(pagetable)
    proc_freepagetable(pagetable, sz);
  if(ip){
    iunlockput(ip);
    end_op();
  }
  return -1;
}
