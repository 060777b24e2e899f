// A hart that goes on from a snapshot instead of starting at an entry point.
// Its block already holds what the snapshot saved (the main thread wrote it
// before this thread started), but a fresh core instance needs init() to
// set up its own places, and init() clears the registers and PMP entries,
// which live in the block: those are kept across it, then loadState() takes
// the CSRs, pc and privilege from the HSV_* fields.
import { hartsave, hart } from '../platform.js';
import { hostTicks, setClockShift, type ClockStart } from './clock.js';
import type { CoreExports } from './core.js';
import type { MemoryViews } from './memory.js';

const KEPT: [number, number][] = [
  [hartsave.HSV_REGS, hartsave.HSV_REGS + 32 * 8],
  [hartsave.HSV_PMPCFG, hartsave.HSV_PMP_END],
];

export function resumeHart(core: CoreExports, views: MemoryViews, h: number, nharts: number, ramBytes: number): void {
  const block = views.hartField(h, 0);
  const kept = KEPT.map(([from, to]) => views.u8.slice(block + from, block + to));
  core.init(h, nharts, ramBytes);
  KEPT.forEach(([from], i) => views.u8.set(kept[i], block + from));
  core.loadState();
}

/** For the last hart to reach the start barrier: guest time goes on from
 *  `mtime` now, not from when the threads began to start. */
export function resumeClock(views: MemoryViews, clock: ClockStart, mtime: number): () => void {
  return () => setClockShift(views.f64, hostTicks(clock)() - mtime);
}

/** Words of a hart's block that describe the old process's threads, not the guest. */
export function clearThreadWords(views: MemoryViews, h: number): void {
  for (const f of [hart.HS_WAKE, hart.HS_RUNSTATE, hart.HS_MMIO_STATUS, hart.HS_DEBUG_CMD, hart.HS_DEBUG_STOP]) {
    Atomics.store(views.i32, views.hartWord(h, f), 0);
  }
}
