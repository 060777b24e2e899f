// The pgroup telemetry page: a copy of the group table in a page of RAM
// whose address the kernel tells the host through our paravirtual device
// (in the device tree of xv6-wasm, absent on QEMU). Hart 0 republishes it
// every tick. The host reads it whenever it likes, without stopping a
// hart: it retries while seq is odd (a copy is under way) or changed while
// it read. Layout: platform.json, section telemetry.
#include <stddef.h>
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "pgkern.h"
#include "defs.h"

struct telemetry {
  uint32 magic;
  uint32 version;
  uint32 seq;
  uint32 nslots;
  uint64 time;
  uint64 free_pages;
  uint64 total_pages;
  uint64 nharts;
  uint64 pad[2];
  struct pgstat slots[PG_MAX];
};

// The layout the host reads is the one the table declares.
_Static_assert(offsetof(struct telemetry, seq) == TM_SEQ, "TM_SEQ");
_Static_assert(offsetof(struct telemetry, time) == TM_TIME, "TM_TIME");
_Static_assert(offsetof(struct telemetry, free_pages) == TM_FREE_PAGES, "TM_FREE_PAGES");
_Static_assert(offsetof(struct telemetry, total_pages) == TM_TOTAL_PAGES, "TM_TOTAL_PAGES");
_Static_assert(offsetof(struct telemetry, nharts) == TM_NHARTS, "TM_NHARTS");
_Static_assert(offsetof(struct telemetry, slots) == TM_SLOTS, "TM_SLOTS");
_Static_assert(sizeof(struct pgstat) == TM_SLOT_SIZE, "TM_SLOT_SIZE");
_Static_assert(offsetof(struct pgstat, name) == TMS_NAME, "TMS_NAME");
_Static_assert(offsetof(struct pgstat, pids_current) == TMS_PIDS_CURRENT, "TMS_PIDS_CURRENT");
_Static_assert(offsetof(struct pgstat, cpu_percent) == TMS_CPU_PERCENT, "TMS_CPU_PERCENT");
_Static_assert(offsetof(struct pgstat, mem_current) == TMS_MEM_CURRENT, "TMS_MEM_CURRENT");
_Static_assert(offsetof(struct pgstat, mem_events_max) == TMS_MEM_EVENTS_MAX, "TMS_MEM_EVENTS_MAX");
_Static_assert(offsetof(struct pgstat, cpu_usage_usec) == TMS_CPU_USAGE_USEC, "TMS_CPU_USAGE_USEC");
_Static_assert(offsetof(struct pgstat, cpu_nr_throttled) == TMS_CPU_NR_THROTTLED, "TMS_CPU_NR_THROTTLED");
_Static_assert(offsetof(struct pgstat, pids_events_max) == TMS_PIDS_EVENTS_MAX, "TMS_PIDS_EVENTS_MAX");
_Static_assert(PG_MAX == NUART && PGNAME == PG_NAME_LEN, "one console per group");
_Static_assert(sizeof(struct telemetry) <= PGSIZE, "one page");

static struct telemetry *tm;

void
telemetry_init(void)
{
  if(machine.telemetry == 0)
    return;
  if((tm = kalloc()) == 0)
    panic("telemetry_init");
  memset(tm, 0, PGSIZE);
  tm->magic = TM_MAGIC_VALUE;
  tm->version = TM_VERSION_VALUE;
  tm->nslots = PG_MAX;
  tm->nharts = machine.nharts;
  tm->total_pages = ktotalpages();
  telemetry_publish();
  volatile uint32 *regs = (volatile uint32 *)machine.telemetry;
  if(regs[TMR_MAGIC / 4] != TMR_MAGIC_VALUE){
    tm = 0;   // not our device after all
    return;
  }
  regs[TMR_TABLE_LO / 4] = (uint64)tm & 0xffffffff;
  regs[TMR_TABLE_HI / 4] = (uint64)tm >> 32;
}

void
telemetry_publish(void)
{
  if(tm == 0)
    return;
  acquire(&pglock);
  __atomic_store_n(&tm->seq, tm->seq + 1, __ATOMIC_RELAXED);   // odd: copying
  __atomic_thread_fence(__ATOMIC_RELEASE);
  tm->time = r_time();
  tm->free_pages = kfreepages();
  for(int i = 0; i < PG_MAX; i++)
    tm->slots[i] = pgroups[i].st;
  __atomic_thread_fence(__ATOMIC_RELEASE);
  __atomic_store_n(&tm->seq, tm->seq + 1, __ATOMIC_RELAXED);   // even: done
  release(&pglock);
}
