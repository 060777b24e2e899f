// The benchmark's results as a table for people and as JSON for tools.
import { cpus } from 'node:os';
import type { Calibration, IpiLatency } from './probes.js';
import type { Row, Spread } from './summary.js';

export interface HostInfo {
  date: string;
  cpu: string;
  hostCores: number;
  node: string;
  qemu: string;
}

export function hostInfo(qemu: string): HostInfo {
  const c = cpus();
  return { date: new Date().toISOString(), cpu: c[0]?.model.trim() ?? 'unknown', hostCores: c.length, node: process.version, qemu };
}

export interface BenchReport {
  host: HostInfo;
  settings: { runs: number; quick: boolean; cores: number; qemu: boolean; gdb: boolean; mem: number };
  calibration: Calibration;
  ipi: IpiLatency;
  rows: Row[];
}

const fixed = (n: number | null | undefined, digits: number) => (n === null || n === undefined ? '-' : n.toFixed(digits));
const range = (s: Spread | null, digits: number) => (s === null ? '-' : `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}-${s.max.toFixed(digits)})`);

export function formatTable(r: BenchReport): string {
  const head = ['workload', 'harts', 'copies', 'ours s', 'M instr', 'MIPS', 'MIPS/hart', 'QEMU s', 'QEMU/ours', 'scaling'];
  const withGdb = r.rows.some((row) => !!row.gdb);
  if (withGdb) head.push('--gdb s', 'gdb/ours');
  const body = r.rows.map((row) => [
    row.workload, String(row.cores), String(row.copies),
    range(row.ours.time, 3), fixed(row.ours.instret === null ? null : row.ours.instret / 1e6, 1),
    fixed(row.ours.mips, 1), fixed(row.ours.mipsPerHart, 1),
    row.qemu ? range(row.qemu.time, 3) : '-', range(row.ratio, 2),
    row.scaling !== null ? `${row.scaling.toFixed(2)}x` : row.vsOneHart !== null ? `${row.vsOneHart.toFixed(2)} of 1-hart` : '-',
    ...(withGdb ? [row.gdb ? range(row.gdb.time, 3) : '-', range(row.gdb?.ratio ?? null, 3)] : []),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const { host, settings, calibration, ipi } = r;
  return [
    `xv6-wasm bench, ${host.date.slice(0, 10)}: ${host.cpu}, ${host.hostCores} host cores, Node ${host.node}, QEMU ${host.qemu}`,
    `${settings.runs} run(s) per side${settings.quick ? ', quick sizes' : ''}; times are medians (min-max); QEMU/ours above 1 means we are faster`
      + (withGdb ? '; gdb/ours: with a GDB client attached and nothing set, 1 = no cost' : ''),
    `instruction counting: ${calibration.retired} retired of ${calibration.expected} known by construction (${calibration.retired === calibration.expected ? 'exact' : 'MISMATCH'})`,
    `IPI round trip between two parked harts: ${ipi.roundTripUs.toFixed(1)} us (mean of ${ipi.rounds})`,
    '',
    line(head),
    ...body.map(line),
    '',
  ].join('\n');
}

export function toJson(r: BenchReport): string {
  return JSON.stringify(r, null, 2) + '\n';
}
