// Every limit of the kernel in one column.
#ifndef PARAM_H
#define PARAM_H
#define NPROC        64    // process table slots
#define NCPU         8     // harts the kernel can drive (the FDT may list fewer)
#define NOFILE       16    // open files per process
#define NFILE        100   // open files in the whole system
#define NINODE       50    // in-memory inodes
#define NDEV         10    // device major numbers
#define ROOTDEV      1     // device number of the root file system
#define MAXARG       32    // exec arguments
#define MAXPATH      128   // longest path name
#define MAXOPBLOCKS  10    // blocks one file-system operation may write (log.c)
#define NBUF         (MAXOPBLOCKS * 3 + NPROC)  // disk block cache: the log's pinned blocks and one per process (bio.c)
#define USERSTACK    1     // user stack pages (below them one guard page)
#define TICK_HZ      10    // ticks (sleep, uptime) per second
#define SCHED_HZ     100   // timer interrupts per second on each hart: the
                           // time slice, and how closely cpu.max is held
#define NPROC_ROOT   8     // process slots only the root group may use
#endif
