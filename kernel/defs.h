// Prototypes of the whole kernel, grouped by the file that defines them.
#ifndef DEFS_H
#define DEFS_H
#include "types.h"

struct buf;
struct context;
struct file;
struct inode;
struct pipe;
struct pgroup;
struct pgspec;
struct pgstat;
struct proc;
struct spinlock;
struct sleeplock;
struct stat;
struct superblock;

// bio.c
void            binit(void);
struct buf*     bread(uint dev, uint blockno);
void            brelse(struct buf *b);
void            bwrite(struct buf *b);
void            bpin(struct buf *b);
void            bunpin(struct buf *b);

// printf.c (cprintf: to a group's console)
void            cprintf(int unit, char *fmt, ...);

// console.c
void            consoleinit(void);
void            consoleintr(int unit);
void            consputc(int unit, int c);
int             console_allowed(struct proc *p, int minor);

// exec.c
int             exec(char *path, char **argv);

// fdt.c
int             fdt_read(uint64 fdtpa);

// file.c
struct file*    filealloc(void);
void            fileclose(struct file *f);
struct file*    filedup(struct file *f);
struct file*    console_file(int unit);
void            fileinit(void);
int             fileread(struct file *f, uint64 addr, int n);
int             filestat(struct file *f, uint64 addr);
int             filewrite(struct file *f, uint64 addr, int n);

// fs.c
void            fsinit(int dev);
extern int      fs_readonly;
void            iinit(void);
struct inode*   idup(struct inode *ip);
void            ilock(struct inode *ip);
void            iput(struct inode *ip);
void            iunlock(struct inode *ip);
void            iunlockput(struct inode *ip);
struct inode*   namei(char *path);
struct inode*   iroot(uint inum);
int             readi(struct inode *ip, int user_dst, uint64 dst, uint off, uint n);
int             writei(struct inode *ip, int user_src, uint64 src, uint off, uint n);
void            iinit(void);
struct inode*   ialloc(uint dev, short type);
void            iupdate(struct inode *ip);
void            itrunc(struct inode *ip);
void            stati(struct inode *ip, struct stat *st);
int             namecmp(const char *s, const char *t);
struct inode*   dirlookup(struct inode *dp, char *name, uint *poff);
int             dirlink(struct inode *dp, char *name, uint inum);
struct inode*   nameiparent(char *path, char *name);

// kalloc.c
void*           kalloc(void);
void            kfree(void *pa);
void            kinit(void);
uint64          kfreepages(void);
uint64          ktotalpages(void);
uint64          kalloc_recharge(int from, int to);

// log.c
void            begin_op(void);
void            end_op(void);
void            initlog(int dev, struct superblock *sb, int readonly);
void            log_write(struct buf *b);

// pipe.c
int             pipealloc(struct file **f0, struct file **f1);
void            pipeclose(struct pipe *pi, int writable);
int             piperead(struct pipe *pi, uint64 addr, int n);
int             pipewrite(struct pipe *pi, uint64 addr, int n);

// plic.c
void            plicinit(void);
void            plicinithart(void);
int             plic_claim(void);
void            plic_complete(int irq);

// power.c
void            poweroff(int code) __attribute__((noreturn));

// printf.c
void            printf(char *fmt, ...);
void            panic(char *msg) __attribute__((noreturn));
void            printfinit(void);
void            backtrace(void);

// asid.c
void            asid_probe(uint64 satp);
uint64          asid_satp(struct proc *p);
void            asid_changed(struct proc *p);
int             asid_fence_needed(struct proc *p);

// proc.c
int             cpuid(void);
void            exit(int status) __attribute__((noreturn));
int             fork(void);
int             growproc(int n);
void            proc_mapstacks(pagetable_t kpgtbl);
pagetable_t     proc_pagetable(struct proc *p);
void            proc_freepagetable(pagetable_t pagetable, uint64 sz);
int             kill(int pid);
int             pgkill(int g);
int             pgfork(int g);
int             viewpid(struct proc *viewer, struct proc *target);
int             killed(struct proc *p);
void            setkilled(struct proc *p);
struct cpu*     mycpu(void);
struct proc*    myproc(void);
void            procinit(void);
void            sleep(void *chan, struct spinlock *lk);
void            userinit(void);
int             wait(uint64 addr);
void            wakeup(void *chan);
int             either_copyout(int user_dst, uint64 dst, void *src, uint64 len);
int             either_copyin(void *dst, int user_src, uint64 src, uint64 len);
void            procdump(void);

// pgroup.c
void            pginit(void);
int             pg_create(struct pgspec *spec);
int             pg_remove(int id);
int             pg_set(int id, int op, uint64 a, uint64 b);
int             pg_getstat(int id, struct pgstat *st);
int             pg_mem_charge(int id);
void            pg_mem_uncharge(int id);
int             pg_pids_charge(int id, int pid);
void            pg_pids_uncharge(int id);
uint            pg_rootinum(int id);
int             pg_console(int id);
void            pg_hostname(int id, char *buf);

// pgcpu.c
void            pgcpu_join(struct pgroup *g);
int             pgcpu_order(uint busy, uint runnable, int *order);
void            pgcpu_charge(int id, uint64 ticks);
void            pgcpu_second(void);

// pgproc.c
void            pgprocinit(void);
void            pg_freeze_point(struct proc *p);
void            pg_thawed(int g);
int             getprocs(uint64 dst, int max);

// telemetry.c
void            telemetry_init(void);
void            telemetry_publish(void);

// sched.c
void            scheduler(void) __attribute__((noreturn));
void            sched(void);
void            sched_notify(void);
void            yield(void);
void            ipi_receive(void);

// swtch.S
void            swtch(struct context *old, struct context *new);

// spinlock.c
void            acquire(struct spinlock *lk);
int             holding(struct spinlock *lk);
void            initlock(struct spinlock *lk, char *name);
void            release(struct spinlock *lk);
void            push_off(void);
void            pop_off(void);

// sleeplock.c
void            acquiresleep(struct sleeplock *lk);
void            releasesleep(struct sleeplock *lk);
int             holdingsleep(struct sleeplock *lk);
void            initsleeplock(struct sleeplock *lk, char *name);

// string.c
int             memcmp(const void *a, const void *b, uint n);
void*           memmove(void *dst, const void *src, uint n);
void*           memset(void *dst, int c, uint n);
void*           memcpy(void *dst, const void *src, uint n);
char*           safestrcpy(char *dst, const char *src, int n);
int             strlen(const char *s);
int             strncmp(const char *a, const char *b, uint n);
char*           strncpy(char *dst, const char *src, int n);
void            pagefill(void *page, uint64 word);

// syscall.c
void            argint(int n, int *ip);
void            argaddr(int n, uint64 *ip);
int             argstr(int n, char *buf, int max);
int             fetchstr(uint64 addr, char *buf, int max);
int             fetchaddr(uint64 addr, uint64 *ip);
void            syscall(void);

// trap.c
extern uint     ticks;
extern struct spinlock tickslock;
void            trapinit(void);
void            trapinithart(void);
void            usertrapret(void);

// uart.c
void            uartinit(void);
void            uartintr(int unit);
int             uartgetc(int unit);
void            uartrx(int unit, int on);
void            uartputc(int unit, int c);
void            uartputc_sync(int unit, int c);
int             uart_unit_of_irq(int irq);

// virtio_disk.c
void            virtio_disk_init(void);
void            virtio_disk_rw(struct buf *b, int write);
void            virtio_disk_intr(void);
int             virtio_disk_readonly(void);
uint64          virtio_disk_blocks(void);

// vm.c
void            kvminit(void);
void            kvminithart(void);
void            kvmmap(pagetable_t kpgtbl, uint64 va, uint64 pa, uint64 sz, int perm);
int             mappages(pagetable_t pagetable, uint64 va, uint64 size, uint64 pa, int perm);
pagetable_t     uvmcreate(void);
uint64          uvmalloc(pagetable_t pagetable, uint64 oldsz, uint64 newsz, int xperm);
uint64          uvmdealloc(pagetable_t pagetable, uint64 oldsz, uint64 newsz);
int             uvmcopy(pagetable_t old, pagetable_t new, uint64 sz);
void            uvmfree(pagetable_t pagetable, uint64 sz);
void            uvmunmap(pagetable_t pagetable, uint64 va, uint64 npages, int do_free);
void            uvmclear(pagetable_t pagetable, uint64 va);
pte_t*          walk(pagetable_t pagetable, uint64 va, int alloc);
uint64          walkaddr(pagetable_t pagetable, uint64 va);
int             copyout(pagetable_t pagetable, uint64 dstva, char *src, uint64 len);
int             copyin(pagetable_t pagetable, char *dst, uint64 srcva, uint64 len);
int             copyinstr(pagetable_t pagetable, char *dst, uint64 srcva, uint64 max);

// number of elements in a fixed-size array
#define NELEM(x) (sizeof(x) / sizeof((x)[0]))

#endif
