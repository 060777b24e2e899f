// A mutex in one 32-bit word of the shared memory, for device state that
// several threads (hart workers and the main thread) must change together.
//
// Word values: 0 free, 1 held, 2 held and someone may be sleeping on it.
// Critical sections are a handful of register updates (or one disk request),
// so a waiter spins briefly first; after that it sleeps in Atomics.wait so that
// a holder preempted by the host's scheduler (8 harts on 2 cores) does not
// leave the others burning CPU. Node allows Atomics.wait on its main thread.
//
// A lock is never broken: a slow holder (virtio holds it around synchronous
// disk I/O on a loaded host) is still inside its critical section. The only
// holder that never releases is a thread terminated while it held the lock,
// and that happens only once the machine is stopping (the CTL_POWER word):
// then a waiter gives up after STOP_PATIENCE_MS, longer than any live holder
// needs, by throwing LockAbandoned, without entering.
import { control, wasm } from '../platform.js';

const SPINS = 200;
const WAIT_SLICE_MS = 50;
const STOP_PATIENCE_MS = 2000;
const POWER_INDEX = (wasm.CONTROL_BASE + control.CTL_POWER) >>> 2;

export class LockAbandoned extends Error {}

export class SharedLock {
  /** `stopIndex`: the word that is non-zero once the machine is stopping. */
  constructor(private readonly words: Int32Array, private readonly index: number, private readonly stopIndex = POWER_INDEX) {}

  acquire(): void {
    const w = this.words;
    const i = this.index;
    if (Atomics.compareExchange(w, i, 0, 1) === 0) return;
    for (let n = 0; n < SPINS; n++) {
      if (Atomics.load(w, i) === 0 && Atomics.compareExchange(w, i, 0, 1) === 0) return;
    }
    // Taking the lock as 2 is conservative: the release will notify even if
    // nobody is left sleeping, which costs a syscall, never a lost wake-up.
    let stopSeen = 0;
    while (Atomics.exchange(w, i, 2) !== 0) {
      Atomics.wait(w, i, 2, WAIT_SLICE_MS);
      if (!this.stopping()) continue;
      const now = performance.now();
      stopSeen ||= now;
      if (now - stopSeen > STOP_PATIENCE_MS) throw new LockAbandoned('a device lock is still held by a hart thread that stopped');
    }
  }

  release(): void {
    if (Atomics.exchange(this.words, this.index, 0) === 2) Atomics.notify(this.words, this.index, 1);
  }

  private stopping(): boolean {
    return this.stopIndex < this.words.length && Atomics.load(this.words, this.stopIndex) !== 0;
  }
}
