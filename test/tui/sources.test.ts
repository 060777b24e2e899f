// The data sources: the pgroup watch over a fake table reader, and hart
// throughput from instret in a real shared memory.
import { describe, expect, test } from 'vitest';
import { createSharedMemory, MemoryViews } from '../../host/machine/memory.js';
import { hart } from '../../host/platform.js';
import type { PgroupTable } from '../../host/pgroups/table.js';
import { HartStats } from '../../host/tui/sources/hart-stats.js';
import { PgroupWatch } from '../../host/tui/sources/pgroups.js';
import { group, root, table } from './fake-table.js';

describe('pgroup watch', () => {
  test('no table: the root console alone, without a group', () => {
    const w = new PgroupWatch(() => null);
    w.poll();
    expect(w.panes().map((p) => [p.console, p.group])).toEqual([[0, null]]);
    expect(w.ramBytes()).toBeNull();
  });

  test('a pane per live group; a change is reported once; CPU history follows each group', () => {
    let now: PgroupTable | null = table([root()]);
    const w = new PgroupWatch(() => now);
    expect(w.poll()).toBe(true);
    expect(w.poll()).toBe(false);
    now = table([root(), group({ cpuPercent: 30 })]);
    expect(w.poll()).toBe(true);
    expect(w.panes().map((p) => p.group?.name)).toEqual(['root', 'web']);
    w.sampleCpu();
    now = table([root(), group({ cpuPercent: 60 })]);
    w.poll();
    w.sampleCpu();
    expect(w.panes()[1].cpu.values()).toEqual([30, 60]);
    expect(w.ramBytes()).toBe(32768 * 4096);
    // Removed, then another group on the same console: a fresh history.
    now = table([root()]);
    w.poll();
    expect(w.panes()).toHaveLength(1);
    now = table([root(), group({ id: 1, name: 'db', cpuPercent: 5 })]);
    w.poll();
    expect(w.panes()[1].cpu.values()).toEqual([]);
  });
});

describe('hart stats', () => {
  test('MIPS from instret deltas over the sampling interval, and parked harts', () => {
    const views = new MemoryViews(createSharedMemory(16 << 20));
    const setInstret = (h: number, n: number) => {
      const i = views.hartWord(h, hart.HS_INSTRET);
      Atomics.store(views.i32, i, n % 2 ** 32);
      Atomics.store(views.i32, i + 1, Math.floor(n / 2 ** 32));
    };
    let clock = 0;
    setInstret(0, 5e9);
    const stats = new HartStats(views, 2, () => clock);
    clock = 1000;
    setInstret(0, 5e9 + 370e6);
    Atomics.store(views.i32, views.hartWord(1, hart.HS_RUNSTATE), 1);
    stats.sample();
    expect(stats.harts[0]).toMatchObject({ mips: 370, run: 'running' });
    expect(stats.harts[1]).toMatchObject({ mips: 0, run: 'idle' });
    expect(stats.totalMips()).toBe(370);
    clock = 1500;
    setInstret(0, 100); // a guest reset starts counting again
    stats.sample();
    expect(stats.harts[0].mips).toBe(0);
    expect(stats.harts[0].history.values()).toEqual([370, 0]);
  });
});
