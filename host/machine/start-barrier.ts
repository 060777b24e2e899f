// All harts start together. Each hart's thread arrives here once its core
// is instantiated and set up, and waits until every hart has: threads start
// one after another (tens of milliseconds each on a loaded host), and a hart
// that ran early would spend that time spinning on work of a hart that does
// not exist yet (a secondary waiting for hart 0, an SMP test's spin budget).
//
// Shared state: the CTL_HARTS_READY word, counted up with Atomics.add.
import { control, wasm } from '../platform.js';
import { stopRequested } from './power.js';

const READY = (wasm.CONTROL_BASE + control.CTL_HARTS_READY) >> 2;
// A stop request does not notify this word: look again this often.
const RECHECK_MS = 50;

/** Power-on state; main thread, before any hart's thread starts. */
export function resetStartBarrier(i32: Int32Array): void {
  Atomics.store(i32, READY, 0);
}

/** Called once by each hart's thread; returns when all nharts have arrived,
 *  or the machine stops. The last to arrive calls `last` before it lets the
 *  others go, so what it does there happens before any hart runs. */
export function arriveAndWait(i32: Int32Array, nharts: number, last?: () => void): void {
  if (Atomics.add(i32, READY, 1) + 1 >= nharts) {
    last?.();
    Atomics.notify(i32, READY);
    return;
  }
  for (;;) {
    const arrived = Atomics.load(i32, READY);
    if (arrived >= nharts || stopRequested(i32)) return;
    Atomics.wait(i32, READY, arrived, RECHECK_MS);
  }
}
