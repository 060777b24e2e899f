// The guest work a benchmark runs: user programs of ours (user/bench/), the
// same commands on both sides. Sizes make each take a few seconds here in
// full mode and well under a second in --quick mode.

export interface Workload {
  name: string;
  title: string;
  /** The shell command for one copy. */
  command: (quick: boolean) => string;
  /** What the program prints when it is done. */
  done: RegExp;
  /** Runs as N copies side by side when the machine has N harts. */
  scales: boolean;
  /** Only in full mode (too long for --quick). */
  fullOnly?: boolean;
  timeoutMs: number;
}

function program(name: string, title: string, full: number, quick: number, scales = true): Workload {
  return {
    name, title, scales, timeoutMs: 600_000,
    command: (q) => `bench${name} ${q ? quick : full}`,
    done: new RegExp(`bench${name}: [^\\n]*\\n`),
  };
}

export const WORKLOADS: Workload[] = [
  program('alu', 'integer ALU loop', 100_000_000, 5_000_000),
  program('mem', 'load/store, 8 MiB working set', 20_000_000, 1_000_000),
  program('sort', 'quicksort, call-heavy', 100, 5),
  program('sys', 'getpid system calls', 500_000, 20_000),
  program('fork', 'fork+exec', 1000, 50, false),
  {
    name: 'usertests', title: 'usertests -q', scales: false, fullOnly: true, timeoutMs: 1_800_000,
    command: () => 'usertests -q', done: /ALL TESTS PASSED|FAILED|failed/,
  },
];

/** N copies of a workload's program side by side (user/bench/par.c). */
export function parallelCommand(w: Workload, copies: number, quick: boolean): string {
  return `par ${copies} ${w.command(quick)}`;
}

export const PARALLEL_DONE = (copies: number) => new RegExp(`par: ${copies} done\\n`);
