// The benchmark's order of work: for each run, our side then QEMU's, each
// booting a fresh copy of the disk image and running every workload, so the
// two sides are measured interleaved under the same machine load.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GuestSession, SessionConfig } from './guest-session.js';
import { measureBoot, measureCommand, type Measurement } from './measure.js';
import { OursSession } from './ours-session.js';
import { QemuSession } from './qemu-session.js';
import { PARALLEL_DONE, parallelCommand, WORKLOADS, type Workload } from './workloads.js';

/** 'gdb': ours with a GDB client attached and nothing set (bench --gdb). */
export type Side = 'ours' | 'gdb' | 'qemu';

export interface BenchPlan {
  kernel: string;
  disk: string;
  ramBytes: number;
  /** Machine sizes to boot: [1] or [1, N]. */
  coreCounts: number[];
  runs: number;
  quick: boolean;
  qemu: boolean;
  /** Also run our side with a GDB stub attached (--gdb). */
  gdb: boolean;
  workloads: Workload[];
}

/** One measured thing: a workload (or "boot") on one side, machine size and copy count, in one run. */
export interface Sample extends Measurement {
  workload: string;
  side: Side;
  cores: number;
  copies: number;
  run: number;
}

export type Progress = (what: string, done: number, total: number) => void;

const BOOT_TIMEOUT_MS = 300_000;

export function selectWorkloads(quick: boolean, names?: string[]): Workload[] {
  return WORKLOADS.filter((w) => (names ? names.includes(w.name) : !(quick && w.fullOnly)));
}

/** The (workload, copies) steps one booted machine of `cores` harts runs. */
function steps(plan: BenchPlan, cores: number): { w: Workload; copies: number }[] {
  const out: { w: Workload; copies: number }[] = [];
  for (const w of plan.workloads) {
    out.push({ w, copies: 1 });
    if (cores > 1 && w.scales) out.push({ w, copies: cores });
  }
  return out;
}

function countSteps(plan: BenchPlan): number {
  const sides = sidesOf(plan).length;
  return plan.runs * sides * plan.coreCounts.reduce((n, c) => n + 1 + steps(plan, c).length, 0);
}

function sidesOf(plan: BenchPlan): Side[] {
  return ['ours', ...(plan.gdb ? ['gdb' as const] : []), ...(plan.qemu ? ['qemu' as const] : [])];
}

export async function runBench(plan: BenchPlan, progress: Progress): Promise<Sample[]> {
  const samples: Sample[] = [];
  const total = countSteps(plan);
  const work = mkdtempSync(join(tmpdir(), 'xv6-wasm-bench-'));
  try {
    for (let run = 1; run <= plan.runs; run++) {
      for (const side of sidesOf(plan)) {
        for (const cores of plan.coreCounts) {
          const disk = join(work, `fs-${side}-${cores}-${run}.img`);
          copyFileSync(plan.disk, disk);
          const cfg: SessionConfig = { kernel: plan.kernel, disk, cores, ramBytes: plan.ramBytes, gdb: side === 'gdb' };
          const tag = `run ${run}/${plan.runs} ${side} ${cores} hart${cores > 1 ? 's' : ''}`;
          progress(`${tag}: boot`, samples.length, total);
          const session: GuestSession = side === 'qemu' ? new QemuSession(cfg) : await OursSession.start(cfg);
          try {
            const boot = await measureBoot(session, BOOT_TIMEOUT_MS);
            samples.push({ ...boot, workload: 'boot', side, cores, copies: 1, run });
            for (const { w, copies } of steps(plan, cores)) {
              progress(`${tag}: ${w.name}${copies > 1 ? ` x${copies}` : ''}`, samples.length, total);
              const command = copies > 1 ? parallelCommand(w, copies, plan.quick) : w.command(plan.quick);
              const done = copies > 1 ? PARALLEL_DONE(copies) : w.done;
              const m = await measureCommand(session, command, done, w.timeoutMs);
              samples.push({ ...m, workload: w.name, side, cores, copies, run });
            }
          } finally {
            await session.close();
            rmSync(disk, { force: true });
          }
        }
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  progress('done', total, total);
  return samples;
}
