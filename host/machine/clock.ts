// mtime: 10 MHz ticks of the host's monotonic clock since machine start,
// less CTL_CLOCK_SHIFT. process.hrtime() reads the same CLOCK_MONOTONIC in
// every thread of the process, so all harts agree on mtime once they share
// the start instant and the shift. The shift stops guest time while the host
// holds the harts (a debugger's stop must not pile up timer interrupts) and
// sets it to a restored snapshot's mtime.
import { control, guest, wasm } from '../platform.js';

export type ClockStart = [seconds: number, nanoseconds: number];

const TICKS_PER_NS = guest.TIMEBASE_HZ / 1e9;
export const TICKS_PER_MS = guest.TIMEBASE_HZ / 1e3;
const SHIFT = (wasm.CONTROL_BASE + control.CTL_CLOCK_SHIFT) >> 3;

export function clockStart(): ClockStart {
  const [s, ns] = process.hrtime();
  return [s, ns];
}

/** Ticks of the host clock since `start`, with no shift. */
export function hostTicks(start: ClockStart): () => number {
  const [s0, ns0] = start;
  return () => {
    const t = process.hrtime();
    return Math.floor(((t[0] - s0) * 1e9 + (t[1] - ns0)) * TICKS_PER_NS);
  };
}

/** mtime as the guest reads it. The shift changes only while every hart
 *  holds, so a plain read of it is never torn against a running hart. */
export function tickSource(start: ClockStart, f64: Float64Array): () => number {
  const host = hostTicks(start);
  return () => host() - f64[SHIFT];
}

/** Moves guest time by `ticks` less (positive: guest time stands still that long). */
export function addClockShift(f64: Float64Array, ticks: number): void {
  f64[SHIFT] += ticks;
}

export function clockShift(f64: Float64Array): number {
  return f64[SHIFT];
}

export function setClockShift(f64: Float64Array, ticks: number): void {
  f64[SHIFT] = ticks;
}
