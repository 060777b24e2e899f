// Reads the pgroup table the kernel publishes in guest RAM (its address comes
// from the telemetry device, host/devices/telemetry.ts; the layout is the
// telemetry section of platform.json, kernel/pgroup.h's struct pgstat per
// slot) without stopping any hart.
//
// The kernel makes TM_SEQ odd before it changes the table and even again
// after, so a copy taken between two equal even readings of TM_SEQ is whole.
// The copy is of plain bytes while harts write them, which is why both
// readings of TM_SEQ are atomic loads around it.
import { publishedTableAddress } from '../devices/telemetry.js';
import type { MemoryViews } from '../machine/memory.js';
import { telemetry as t } from '../platform.js';
import type { PgroupInfo, PgroupState, PgroupTable } from './table.js';

const TABLE_BYTES = t.TM_SLOTS + t.PG_MAX * t.TM_SLOT_SIZE;
// A writer holds the counter odd for a few microseconds; when it is
// descheduled mid-update we give up for now rather than spin.
const MAX_TRIES = 200;
const U32_NONE = 0xffffffff;

const STATES = new Map<number, PgroupState>([[t.PG_RUNNING, 'running'], [t.PG_FROZEN, 'frozen']]);

// The last whole table per machine, for when the writer keeps us out.
const lastGood = new WeakMap<WebAssembly.Memory, PgroupTable>();

/** The kernel's pgroup table now, or null when the kernel has published none
 *  (or something that is not a version-TM_VERSION_VALUE table). While the
 *  kernel is rewriting it for longer than a few retries, the last whole table
 *  read from this machine (null if none yet). */
export function readPgroupTable(views: MemoryViews): PgroupTable | null {
  const paddr = publishedTableAddress(views.i32);
  const at = paddr === null || paddr % 8 !== 0 ? -1 : views.ramOffset(paddr, TABLE_BYTES);
  if (at < 0) {
    lastGood.delete(views.memory);
    return null;
  }
  const seqIndex = (at + t.TM_SEQ) >>> 2;
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const before = Atomics.load(views.i32, seqIndex);
    if ((before & 1) !== 0) continue;
    const copy = views.u8.slice(at, at + TABLE_BYTES);
    if (Atomics.load(views.i32, seqIndex) !== before) continue;
    const table = parseTable(new DataView(copy.buffer));
    if (table === null) lastGood.delete(views.memory);
    else lastGood.set(views.memory, table);
    return table;
  }
  return lastGood.get(views.memory) ?? null;
}

/** A whole copy of the table, or null if it is not one we understand. */
function parseTable(v: DataView): PgroupTable | null {
  if (v.getUint32(t.TM_MAGIC, true) !== t.TM_MAGIC_VALUE) return null;
  if (v.getUint32(t.TM_VERSION, true) !== t.TM_VERSION_VALUE) return null;
  const nslots = v.getUint32(t.TM_NSLOTS, true);
  if (nslots < 1 || nslots > t.PG_MAX) return null;
  const groups: PgroupInfo[] = [];
  for (let id = 0; id < nslots; id++) {
    const slot = t.TM_SLOTS + id * t.TM_SLOT_SIZE;
    const code = v.getUint32(slot + t.TMS_STATE, true);
    if (code === t.PG_FREE) continue;
    const state = STATES.get(code);
    if (state === undefined) return null;
    groups.push(parseSlot(v, slot, id, state));
  }
  return {
    time: u64(v, t.TM_TIME),
    freePages: u64(v, t.TM_FREE_PAGES),
    totalPages: u64(v, t.TM_TOTAL_PAGES),
    nharts: v.getUint32(t.TM_NHARTS, true),
    groups,
  };
}

function parseSlot(v: DataView, slot: number, id: number, state: PgroupState): PgroupInfo {
  const u32 = (field: number): number => v.getUint32(slot + field, true);
  const field64 = (field: number): number => u64(v, slot + field);
  const limit64 = (field: number): number | null => (isAllOnes(v, slot + field) ? null : field64(field));
  const pidsMax = u32(t.TMS_PIDS_MAX);
  return {
    id,
    name: asciiz(v, slot + t.TMS_NAME, t.PG_NAME_LEN),
    state,
    console: u32(t.TMS_CONSOLE),
    pidsCurrent: u32(t.TMS_PIDS_CURRENT),
    pidsMax: pidsMax === U32_NONE ? null : pidsMax,
    cpuWeight: u32(t.TMS_CPU_WEIGHT),
    cpuPercent: u32(t.TMS_CPU_PERCENT),
    memCurrent: field64(t.TMS_MEM_CURRENT),
    memPeak: field64(t.TMS_MEM_PEAK),
    memMax: limit64(t.TMS_MEM_MAX),
    memEventsMax: field64(t.TMS_MEM_EVENTS_MAX),
    cpuUsageUsec: field64(t.TMS_CPU_USAGE_USEC),
    cpuQuotaUs: limit64(t.TMS_CPU_QUOTA_US),
    cpuPeriodUs: field64(t.TMS_CPU_PERIOD_US),
    cpuNrThrottled: field64(t.TMS_CPU_NR_THROTTLED),
    pidsEventsMax: field64(t.TMS_PIDS_EVENTS_MAX),
  };
}

/** A little-endian u64 as a number (exact below 2^53, which counters stay under). */
function u64(v: DataView, at: number): number {
  return v.getUint32(at + 4, true) * 2 ** 32 + v.getUint32(at, true);
}

function isAllOnes(v: DataView, at: number): boolean {
  return v.getUint32(at, true) === U32_NONE && v.getUint32(at + 4, true) === U32_NONE;
}

/** A NUL-terminated ASCII name in a fixed field (no NUL: the whole field). */
function asciiz(v: DataView, at: number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) {
    const c = v.getUint8(at + i);
    if (c === 0) break;
    s += String.fromCharCode(c & 0x7f);
  }
  return s;
}
