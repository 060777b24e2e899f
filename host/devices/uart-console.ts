// The host's end of one UART, for the main thread (terminal, TUI, tests):
// bytes typed go in with pushRx, bytes the guest wrote come out with takeTx.
//
// Shared state: the UART's block in UART_STATE, changed under its lock (see
// uart-state.ts). The main thread learns that output is waiting, or that
// input it held back now fits, from CTL_EVENT (see signals.ts): call takeTx
// and retry held-back input every time it fires.
import { Plic } from './plic.js';
import { UartState, Word } from './uart-state.js';

export class UartConsole {
  private readonly s: UartState;

  constructor(memory: WebAssembly.Memory, readonly index: number, plic: Plic) {
    this.s = new UartState(memory, index, plic);
  }

  /** Offer input to the guest; returns how many leading bytes were taken.
   *  The rest must be offered again after the next CTL_EVENT. */
  pushRx(bytes: Uint8Array): number {
    const s = this.s;
    s.lock.acquire();
    try {
      // In loopback the receiver hears only the transmitter.
      const n = s.loopback() ? 0 : Math.min(bytes.length, s.rxRoom());
      for (let i = 0; i < n; i++) s.pushRx(bytes[i]);
      if (n < bytes.length) s.set(Word.RxWanted, 1);
      if (n > 0) s.updateIrq();
      return n;
    } finally {
      s.lock.release();
    }
  }

  /** Everything the guest has written since the last call. */
  takeTx(): Uint8Array {
    const s = this.s;
    s.lock.acquire();
    try {
      const wasFull = s.txFull();
      const out = s.drainTx();
      // The THR "empties" when the host makes room in a full ring: that is
      // the THRE interrupt a waiting driver sleeps on.
      if (wasFull && out.length > 0) {
        s.set(Word.ThrIpending, 1);
        s.updateIrq();
      }
      return out;
    } finally {
      s.lock.release();
    }
  }

  /** Bytes written by the guest and not yet taken. */
  pendingTx(): number {
    return this.s.txCount();
  }
}
