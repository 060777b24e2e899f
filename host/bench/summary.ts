// From raw samples to the figures a reader wants: medians and spreads per
// workload and side, MIPS, the QEMU/ours ratio per run pair, and scaling.
import type { Sample } from './runner.js';

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface Row {
  workload: string;
  cores: number;
  copies: number;
  ours: { seconds: number[]; time: Spread; instret: number | null; mips: number | null; mipsPerHart: number | null };
  qemu: { seconds: number[]; time: Spread; mips: number | null } | null;
  /** QEMU seconds / our seconds, per run: above 1 means we are faster. */
  ratio: Spread | null;
  /** With a GDB client attached (bench --gdb): its times, and its seconds /
   *  our seconds per run (1: the stub costs nothing). */
  gdb: { time: Spread; ratio: Spread | null } | null;
  /** Total MIPS against the same workload's single copy on a 1-hart machine. */
  scaling: number | null;
  /** A single copy here against the same on a 1-hart machine: what idle harts cost (1 = nothing). */
  vsOneHart: number | null;
}

function spread(values: number[]): Spread {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median, min: v[0], max: v[v.length - 1] };
}

const key = (s: { workload: string; cores: number; copies: number }) => `${s.workload}/${s.cores}/${s.copies}`;

export function summarize(samples: Sample[]): Row[] {
  const groups = new Map<string, Sample[]>();
  for (const s of samples) groups.set(key(s), [...(groups.get(key(s)) ?? []), s]);
  const rows: Row[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    const ours = group.filter((s) => s.side === 'ours').sort((a, b) => a.run - b.run);
    const qemu = group.filter((s) => s.side === 'qemu').sort((a, b) => a.run - b.run);
    if (ours.length === 0) continue;
    const counts = ours.map((s) => s.instret).filter((n): n is number => n !== null);
    const instret = counts.length ? spread(counts).median : null;
    const mips = counts.length ? spread(ours.map((s) => (s.instret ?? 0) / s.seconds / 1e6)).median : null;
    const busy = first.workload === 'boot' ? first.cores : first.copies;
    const pairs = qemu.map((q) => [q, ours.find((o) => o.run === q.run)] as const).filter(([, o]) => o);
    const gdb = group.filter((s) => s.side === 'gdb');
    const gdbPairs = gdb.map((g) => [g, ours.find((o) => o.run === g.run)] as const).filter(([, o]) => o);
    const qemuTime = qemu.length ? spread(qemu.map((s) => s.seconds)) : null;
    rows.push({
      workload: first.workload, cores: first.cores, copies: first.copies,
      ours: { seconds: ours.map((s) => s.seconds), time: spread(ours.map((s) => s.seconds)), instret, mips, mipsPerHart: mips === null ? null : mips / busy },
      qemu: qemuTime ? { seconds: qemu.map((s) => s.seconds), time: qemuTime, mips: instret === null ? null : instret / qemuTime.median / 1e6 } : null,
      ratio: pairs.length ? spread(pairs.map(([q, o]) => q.seconds / o!.seconds)) : null,
      gdb: gdb.length ? { time: spread(gdb.map((s) => s.seconds)), ratio: gdbPairs.length ? spread(gdbPairs.map(([g, o]) => g.seconds / o!.seconds)) : null } : null,
      scaling: null, vsOneHart: null,
    });
  }
  for (const r of rows) {
    const base = rows.find((b) => b.workload === r.workload && b.cores === 1 && b.copies === 1);
    if (!base || base === r || base.ours.mips === null || r.ours.mips === null || r.workload === 'boot') continue;
    if (r.copies > 1) r.scaling = r.ours.mips / base.ours.mips;
    else r.vsOneHart = r.ours.mips / base.ours.mips;
  }
  return rows;
}
