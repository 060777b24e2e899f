// The two ways a device tells another thread that something happened, as
// docs/ARCHITECTURE.md defines them: wake a hart parked in WFI, and wake the
// main thread (which waits on CTL_EVENT with Atomics.waitAsync).
//
// Protocol for CTL_EVENT: a producer stores 1 and notifies; the main thread
// stores 0 *before* it drains TX rings and reads CTL_POWER, then waits while
// the word is 0. A byte written after the drain therefore always finds the
// word 0 or sets it to 1 again, and is never left unseen.
import { control, hart, wasm } from '../platform.js';

export function eventIndex(): number {
  return (wasm.CONTROL_BASE + control.CTL_EVENT) >>> 2;
}

export function signalEvent(words: Int32Array): void {
  const i = eventIndex();
  Atomics.store(words, i, 1);
  Atomics.notify(words, i);
}

export function hartWordIndex(hartid: number, field: number): number {
  return (wasm.HART_STATE_BASE + hartid * wasm.HART_STATE_STRIDE + field) >>> 2;
}

export function wakeHart(words: Int32Array, hartid: number): void {
  const i = hartWordIndex(hartid, hart.HS_WAKE);
  Atomics.store(words, i, 1);
  Atomics.notify(words, i);
}
