// mtime: 10 MHz ticks of the host's monotonic clock since machine start.
// process.hrtime() reads the same CLOCK_MONOTONIC in every thread of the
// process, so all harts agree on mtime once they share the start instant.
import { guest } from '../platform.js';

export type ClockStart = [seconds: number, nanoseconds: number];

const TICKS_PER_NS = guest.TIMEBASE_HZ / 1e9;
export const TICKS_PER_MS = guest.TIMEBASE_HZ / 1e3;

export function clockStart(): ClockStart {
  const [s, ns] = process.hrtime();
  return [s, ns];
}

export function tickSource(start: ClockStart): () => number {
  const [s0, ns0] = start;
  return () => {
    const t = process.hrtime();
    return Math.floor(((t[0] - s0) * 1e9 + (t[1] - ns0)) * TICKS_PER_NS);
  };
}
