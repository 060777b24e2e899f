// Connects one UART's host end to byte streams: guest output to a writer,
// input from the user into the receive ring. Input that does not fit yet is
// held here and offered again every time the main thread wakes (the device
// signals CTL_EVENT when the guest makes room), so nothing typed or piped in
// is lost, however fast it arrives. Output is taken only while `mayTake`
// says the writer has room: left in the UART, it makes the guest's writer
// wait instead of piling up in the host. Input piles up no further than
// INPUT_HOLD_LIMIT either: past it, `wantsInput` tells the source to stop
// reading (a pipe or a socket then makes its writer wait), so back-pressure
// runs from the guest's reader to whoever sends.
import type { UartConsole } from '../devices/index.js';

const INPUT_HOLD_LIMIT = 64 * 1024;

export class SerialLink {
  private held: Uint8Array[] = [];
  private heldCount = 0;

  constructor(
    private readonly uart: UartConsole,
    private readonly write: (bytes: Uint8Array) => void,
    private readonly mayTake: () => boolean = () => true,
  ) {}

  send(bytes: Uint8Array): void {
    if (bytes.length > 0) {
      this.held.push(bytes);
      this.heldCount += bytes.length;
    }
    this.pump();
  }

  /** Moves output to the writer and held input to the guest; call on every wake-up. */
  pump(): void {
    if (this.mayTake()) {
      const out = this.uart.takeTx();
      if (out.length > 0) this.write(out);
    }
    while (this.held.length > 0) {
      const first = this.held[0];
      const n = this.uart.pushRx(first);
      this.heldCount -= n;
      if (n === first.length) this.held.shift();
      else {
        this.held[0] = first.subarray(n);
        break;
      }
    }
  }

  /** Input held here that the guest has not taken yet (a snapshot keeps it). */
  heldInput(): Uint8Array {
    return Buffer.concat(this.held);
  }

  /** Whether the source should go on reading input. */
  wantsInput(): boolean {
    return this.heldCount < INPUT_HOLD_LIMIT;
  }
}
