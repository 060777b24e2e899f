// A mutex in one 32-bit word of the shared memory, for device state that
// several threads (hart workers and the main thread) must change together.
//
// Word values: 0 free, 1 held, 2 held and someone may be sleeping on it.
// Critical sections are a handful of register updates (or one disk request),
// so a waiter spins briefly first; after that it sleeps in Atomics.wait so that
// a holder preempted by the host's scheduler (8 harts on 2 cores) does not
// leave the others burning CPU. Node allows Atomics.wait on its main thread.
//
// The main thread never waits forever: a worker terminated while it held a
// lock (the user quit, the guest hung) would otherwise freeze the terminal.
// After MAIN_THREAD_PATIENCE_MS it goes ahead as if it held the lock; no live
// holder keeps a device lock anywhere near that long.
import { isMainThread } from 'node:worker_threads';

const SPINS = 200;
const MAIN_THREAD_PATIENCE_MS = 1000;

export class SharedLock {
  constructor(private readonly words: Int32Array, private readonly index: number) {}

  acquire(): void {
    const w = this.words;
    const i = this.index;
    if (Atomics.compareExchange(w, i, 0, 1) === 0) return;
    for (let n = 0; n < SPINS; n++) {
      if (Atomics.load(w, i) === 0 && Atomics.compareExchange(w, i, 0, 1) === 0) return;
    }
    // Taking the lock as 2 is conservative: the release will notify even if
    // nobody is left sleeping, which costs a syscall, never a lost wake-up.
    if (!isMainThread) {
      while (Atomics.exchange(w, i, 2) !== 0) Atomics.wait(w, i, 2);
      return;
    }
    const deadline = performance.now() + MAIN_THREAD_PATIENCE_MS;
    while (Atomics.exchange(w, i, 2) !== 0) {
      const left = deadline - performance.now();
      if (left <= 0) return;
      Atomics.wait(w, i, 2, left);
    }
  }

  release(): void {
    if (Atomics.exchange(this.words, this.index, 0) === 2) Atomics.notify(this.words, this.index, 1);
  }
}
