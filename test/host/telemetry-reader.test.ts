// The pgroup table reader against tables written by hand into a shared
// memory laid out as the machine's, including torn updates: by hand (a copy
// that sees the counter move) and by a real second thread.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { Telemetry } from '../../host/devices/telemetry.js';
import { MemoryViews } from '../../host/machine/memory.js';
import { readPgroupTable } from '../../host/pgroups/telemetry-reader.js';
import { guest, telemetry as t } from '../../host/platform.js';
import { makeMemory, ramAddr } from '../devices/shared-memory.js';

const TABLE = guest.RAM_BASE + 0x4000;
const NONE64 = 2n ** 64n - 1n;

interface Slot {
  state: number; name: string; console?: number; pidsCurrent?: number; pidsMax?: number;
  memCurrent?: bigint; memMax?: bigint; cpuQuota?: bigint;
}

function machine() {
  const memory = makeMemory();
  const views = new MemoryViews(memory);
  const view = new DataView(memory.buffer, ramAddr(TABLE));
  const publish = (paddr = TABLE) => {
    const dev = new Telemetry(memory);
    dev.write(t.TMR_TABLE_LO, 4, paddr % 2 ** 32);
    dev.write(t.TMR_TABLE_HI, 4, Math.floor(paddr / 2 ** 32));
  };
  return { memory, views, view, publish };
}

/** Writes a whole table as the kernel would, with an even sequence number. */
function writeTable(v: DataView, slots: Slot[], seq = 2): void {
  v.setUint32(t.TM_MAGIC, t.TM_MAGIC_VALUE, true);
  v.setUint32(t.TM_VERSION, t.TM_VERSION_VALUE, true);
  v.setUint32(t.TM_SEQ, seq, true);
  v.setUint32(t.TM_NSLOTS, t.PG_MAX, true);
  v.setBigUint64(t.TM_TIME, 10_000_000n, true);
  v.setBigUint64(t.TM_FREE_PAGES, 30000n, true);
  v.setBigUint64(t.TM_TOTAL_PAGES, 32768n, true);
  v.setUint32(t.TM_NHARTS, 2, true);
  for (let id = 0; id < t.PG_MAX; id++) {
    const at = t.TM_SLOTS + id * t.TM_SLOT_SIZE;
    for (let i = 0; i < t.TM_SLOT_SIZE; i++) v.setUint8(at + i, 0);
    const s = slots[id];
    if (!s) continue;
    v.setUint32(at + t.TMS_STATE, s.state, true);
    v.setUint32(at + t.TMS_CONSOLE, s.console ?? id, true);
    for (let i = 0; i < Math.min(s.name.length, t.PG_NAME_LEN); i++) v.setUint8(at + t.TMS_NAME + i, s.name.charCodeAt(i));
    v.setUint32(at + t.TMS_PIDS_CURRENT, s.pidsCurrent ?? 1, true);
    v.setUint32(at + t.TMS_PIDS_MAX, s.pidsMax ?? 0xffffffff, true);
    v.setUint32(at + t.TMS_CPU_WEIGHT, 100, true);
    v.setUint32(at + t.TMS_CPU_PERCENT, 42, true);
    v.setBigUint64(at + t.TMS_MEM_CURRENT, s.memCurrent ?? 8192n, true);
    v.setBigUint64(at + t.TMS_MEM_PEAK, s.memCurrent ?? 8192n, true);
    v.setBigUint64(at + t.TMS_MEM_MAX, s.memMax ?? NONE64, true);
    v.setBigUint64(at + t.TMS_CPU_QUOTA_US, s.cpuQuota ?? NONE64, true);
    v.setBigUint64(at + t.TMS_CPU_PERIOD_US, 100000n, true);
    v.setBigUint64(at + t.TMS_CPU_USAGE_USEC, 1234n, true);
  }
}

const root: Slot = { state: t.PG_RUNNING, name: 'root' };

describe('pgroup table reader', () => {
  it('reads nothing before the kernel publishes an address', () => {
    const { views, view } = machine();
    writeTable(view, [root]);
    expect(readPgroupTable(views)).toBeNull();
  });

  it('parses the live slots by id, with "max" as null', () => {
    const { views, view, publish } = machine();
    writeTable(view, [root, undefined as unknown as Slot, undefined as unknown as Slot,
      { state: t.PG_FROZEN, name: 'web-1', pidsCurrent: 3, pidsMax: 10, memCurrent: 3n << 20n, memMax: 4n << 20n, cpuQuota: 50000n },
      undefined as unknown as Slot, undefined as unknown as Slot, undefined as unknown as Slot,
      { state: t.PG_RUNNING, name: 'exactly16chars!!' }]);
    publish();
    const table = readPgroupTable(views)!;
    expect(table).toMatchObject({ time: 10_000_000, freePages: 30000, totalPages: 32768, nharts: 2 });
    expect(table.groups.map((g) => g.id)).toEqual([0, 3, 7]);
    expect(table.groups[0]).toEqual({
      id: 0, name: 'root', state: 'running', console: 0, pidsCurrent: 1, pidsMax: null, cpuWeight: 100,
      cpuPercent: 42, memCurrent: 8192, memPeak: 8192, memMax: null, memEventsMax: 0, cpuUsageUsec: 1234,
      cpuQuotaUs: null, cpuPeriodUs: 100000, cpuNrThrottled: 0, pidsEventsMax: 0,
    });
    expect(table.groups[1]).toMatchObject({ name: 'web-1', state: 'frozen', console: 3, pidsMax: 10, memCurrent: 3 << 20, memMax: 4 << 20, cpuQuotaUs: 50000 });
    expect(table.groups[2].name).toBe('exactly16chars!!');
  });

  it('reads nothing from a wrong magic, version or slot count, or an address outside RAM', () => {
    const { views, view, publish } = machine();
    publish();
    for (const [field, value] of [[t.TM_MAGIC, 0x1234], [t.TM_VERSION, 99], [t.TM_NSLOTS, t.PG_MAX + 1], [t.TM_NSLOTS, 0]]) {
      writeTable(view, [root]);
      view.setUint32(field, value, true);
      expect(readPgroupTable(views)).toBeNull();
    }
    writeTable(view, [root]);
    expect(readPgroupTable(views)).not.toBeNull();
    publish(guest.RAM_BASE - 0x1000);
    expect(readPgroupTable(views)).toBeNull();
    publish(guest.RAM_BASE + views.ramBytes - 64);
    expect(readPgroupTable(views)).toBeNull();
  });

  it('never returns a table while the sequence number is odd', () => {
    const { views, view, publish } = machine();
    publish();
    writeTable(view, [root], 5);
    expect(readPgroupTable(views)).toBeNull();
    writeTable(view, [root], 6);
    expect(readPgroupTable(views)!.groups[0].name).toBe('root');
    // Mid-update: the old whole table, not the half-written one.
    writeTable(view, [{ ...root, name: 'torn' }], 7);
    expect(readPgroupTable(views)!.groups[0].name).toBe('root');
  });

  it('copies again when the sequence number moved during the copy', () => {
    const { memory, views, view, publish } = machine();
    publish();
    writeTable(view, [{ ...root, name: 'before' }], 2);
    // A copy that the kernel overtakes: the table changes and seq goes 2 -> 4.
    let copies = 0;
    class Overtaken extends Uint8Array {
      override slice(start?: number, end?: number): Uint8Array {
        const copy = super.slice(start, end);
        if (copies++ === 0) writeTable(view, [{ ...root, name: 'after' }], 4);
        return copy;
      }
    }
    const u8 = new Overtaken(memory.buffer as unknown as ArrayBuffer);
    const table = readPgroupTable({ ...views, u8, i32: views.i32, memory, ramOffset: views.ramOffset.bind(views) } as unknown as MemoryViews);
    expect(copies).toBe(2);
    expect(table!.groups[0].name).toBe('after');
  });

  it('sees only whole tables while another thread keeps rewriting it', async () => {
    const { memory, views, view, publish } = machine();
    writeTable(view, [{ ...root, pidsCurrent: 1, memCurrent: 4096n }], 2);
    publish();
    // The writer keeps mem_current == mem_peak == pids_current * 4096 in
    // every whole table, and breaks it inside each update.
    const writer = new Worker(`
      const { workerData: { memory, at, cur, peak, pids, seq, stop } } = require('node:worker_threads');
      const i32 = new Int32Array(memory.buffer);
      const v = new DataView(memory.buffer, at);
      for (let k = 1; Atomics.load(i32, stop) === 0; k++) {
        Atomics.add(i32, seq, 1);
        v.setBigUint64(cur, BigInt(k * 4096), true);
        v.setUint32(pids, k, true);
        v.setBigUint64(peak, BigInt(k * 4096), true);
        Atomics.add(i32, seq, 1);
        // A few microseconds between updates, as any real writer leaves:
        // without them a reader on a loaded host may never fit in a gap.
        const until = performance.now() + 0.005;
        while (performance.now() < until);
      }`, {
      eval: true,
      workerData: {
        memory, at: ramAddr(TABLE) + t.TM_SLOTS, cur: t.TMS_MEM_CURRENT, peak: t.TMS_MEM_PEAK, pids: t.TMS_PIDS_CURRENT,
        seq: (ramAddr(TABLE) + t.TM_SEQ) >>> 2, stop: ramAddr(TABLE + 0x2000) >>> 2,
      },
    });
    expect(readPgroupTable(views)).not.toBeNull();
    await new Promise((r) => writer.once('online', r));
    let seen = 0;
    const deadline = performance.now() + 300;
    while (performance.now() < deadline) {
      const g = readPgroupTable(views)!.groups[0];
      expect(g.memCurrent).toBe(g.pidsCurrent * 4096);
      expect(g.memPeak).toBe(g.memCurrent);
      if (g.pidsCurrent > 1) seen++;
    }
    Atomics.store(new Int32Array(memory.buffer), ramAddr(TABLE + 0x2000) >>> 2, 1);
    await writer.terminate();
    expect(seen).toBeGreaterThan(0);
  });
});
