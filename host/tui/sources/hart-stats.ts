// Each hart's throughput, from the instret counter its core stores at the
// end of every run slice, and whether it is parked in WFI: sampled by the
// status bar once a second, as `bench` counts instructions.
import type { MemoryViews } from '../../machine/memory.js';
import { hart } from '../../platform.js';
import { History } from '../sparkline.js';

export type HartRun = 'running' | 'idle' | 'stopped';

export interface HartSample {
  /** MIPS over the last interval, and the last minute of them. */
  mips: number;
  history: History;
  run: HartRun;
}

const RUNSTATES: HartRun[] = ['running', 'idle', 'stopped'];

export class HartStats {
  private readonly last: number[];
  private lastAt: number;
  readonly harts: HartSample[];

  constructor(private readonly views: MemoryViews, nharts: number, private readonly now: () => number = () => performance.now()) {
    this.last = Array.from({ length: nharts }, (_, h) => views.hartU64(h, hart.HS_INSTRET));
    this.lastAt = now();
    this.harts = this.last.map(() => ({ mips: 0, history: new History(), run: 'running' as HartRun }));
  }

  sample(): void {
    const at = this.now();
    const us = (at - this.lastAt) * 1000;
    if (us <= 0) return;
    this.lastAt = at;
    this.harts.forEach((s, h) => {
      const n = this.views.hartU64(h, hart.HS_INSTRET);
      // A guest reset starts the counters again from zero.
      s.mips = n >= this.last[h] ? (n - this.last[h]) / us : 0;
      this.last[h] = n;
      s.history.push(s.mips);
      s.run = RUNSTATES[Atomics.load(this.views.i32, this.views.hartWord(h, hart.HS_RUNSTATE))] ?? 'running';
    });
  }

  totalMips(): number {
    return this.harts.reduce((a, s) => a + s.mips, 0);
  }
}
