// The pgroup system calls (kernel/pgroup.h describes them). Only the root
// group may create, change, enter or remove groups.
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "spinlock.h"
#include "proc.h"
#include "pgkern.h"
#include "defs.h"

static int
isroot(void)
{
  return myproc()->pgroup == PGROOT;
}

// pgcreate(struct pgspec *spec)
uint64
sys_pgcreate(void)
{
  uint64 addr;
  struct pgspec spec;
  argaddr(0, &addr);
  if(!isroot() || copyin(myproc()->pagetable, (char *)&spec, addr, sizeof(spec)) < 0)
    return -1;
  return pg_create(&spec);
}

// pgfork(int id)
uint64
sys_pgfork(void)
{
  int id;
  argint(0, &id);
  if(!isroot() || id <= PGROOT || id >= PG_MAX)
    return -1;
  return pgfork(id);
}

// pgctl(int id, int op, uint64 a, uint64 b)
uint64
sys_pgctl(void)
{
  int id, op;
  uint64 a, b;
  argint(0, &id);
  argint(1, &op);
  argaddr(2, &a);
  argaddr(3, &b);
  if(!isroot() || id <= PGROOT || id >= PG_MAX)
    return -1;
  switch(op){
  case PGC_KILL: {
    struct pgstat st;
    if(pg_getstat(id, &st) < 0)
      return -1;
    pgkill(id);
    return 0;
  }
  case PGC_REMOVE:
    return pg_remove(id);
  default:
    return pg_set(id, op, a, b);
  }
}

// pgstat(int id, struct pgstat *st): id -1 is the caller's own group.
uint64
sys_pgstat(void)
{
  int id;
  uint64 addr;
  struct pgstat st;
  argint(0, &id);
  argaddr(1, &addr);
  struct proc *p = myproc();
  if(id == -1)
    id = p->pgroup;
  if(!isroot() && id != p->pgroup)
    return -1;
  if(pg_getstat(id, &st) < 0)
    return -1;
  return copyout(p->pagetable, addr, (char *)&st, sizeof(st));
}

// getprocs(struct procinfo *buf, int max)
uint64
sys_getprocs(void)
{
  uint64 addr;
  int max;
  argaddr(0, &addr);
  argint(1, &max);
  if(max < 0)
    return -1;
  return getprocs(addr, max);
}

// gethostname(char *buf, int n): copies at most n bytes, NUL included.
uint64
sys_gethostname(void)
{
  uint64 addr;
  int n;
  char name[PGHOSTNAME];
  argaddr(0, &addr);
  argint(1, &n);
  if(n <= 0)
    return -1;
  pg_hostname(myproc()->pgroup, name);
  int len = strlen(name) + 1;
  if(len > n){
    len = n;
    name[n - 1] = 0;
  }
  return copyout(myproc()->pagetable, addr, name, len);
}

uint64
sys_freepages(void)
{
  return kfreepages();
}
