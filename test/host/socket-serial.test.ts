// One UART's socket against a guest that never stops writing: with nobody
// connected the host holds at most HOLD_LIMIT bytes and then leaves output
// in the UART (so the guest's writer waits); a client gets it all, in order.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOLD_LIMIT, SocketSerial } from '../../host/console/socket-serial.js';
import type { UartConsole } from '../../host/devices/index.js';
import { TX_SIZE } from '../../host/devices/uart-state.js';

/** A UART whose TX ring is always full of the next bytes of 0, 1, 2, ...,
 *  and whose receiver takes input only while `rxOpen`. */
class EndlessWriter {
  written = 0;
  rxOpen = true;
  received: number[] = [];
  takeTx(): Uint8Array {
    const out = new Uint8Array(TX_SIZE).map((_, i) => (this.written + i) & 0xff);
    this.written += TX_SIZE;
    return out;
  }
  pushRx(bytes: Uint8Array): number {
    if (!this.rxOpen) return 0;
    this.received.push(...bytes);
    return bytes.length;
  }
  pendingTx(): number { return TX_SIZE; }
}

describe('UART socket', () => {
  it('holds at most HOLD_LIMIT bytes for an absent client, then hands them over in order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xv6-socket-'));
    const uart = new EndlessWriter();
    const serial = new SocketSerial(uart as unknown as UartConsole, join(dir, 'uart1'));
    try {
      for (let i = 0; i < 100; i++) serial.pump();
      expect(uart.written).toBe(HOLD_LIMIT);
      expect(serial.queued()).toBe(HOLD_LIMIT);

      await serial.listen();
      const received: Buffer[] = [];
      const client = connect(join(dir, 'uart1'));
      client.on('data', (d: Buffer) => received.push(d));
      // The client reads; every wake-up may take more from the UART again.
      while (Buffer.concat(received).length < 3 * HOLD_LIMIT) {
        serial.pump();
        await new Promise((r) => setTimeout(r, 5));
      }
      client.destroy();
      const all = Buffer.concat(received);
      for (let i = 0; i < all.length; i++) if (all[i] !== (i & 0xff)) throw new Error(`byte ${i} is ${all[i]}`);
      expect(uart.written).toBeGreaterThanOrEqual(all.length);
    } finally {
      serial.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops reading a client the guest cannot keep up with, and loses none of its input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xv6-socket-'));
    const uart = new EndlessWriter();
    uart.rxOpen = false;
    const serial = new SocketSerial(uart as unknown as UartConsole, join(dir, 'uart1'));
    try {
      await serial.listen();
      const input = Buffer.alloc(16 * HOLD_LIMIT).map((_, i) => (i * 7) & 0xff);
      const client = connect(join(dir, 'uart1'));
      client.on('data', () => {}); // the endless output is not the point here
      client.write(input);
      await new Promise((r) => setTimeout(r, 200));
      expect(uart.received.length).toBe(0);
      // The server stopped reading: the rest still waits on the client's side.
      expect(client.writableLength).toBeGreaterThan(0);
      uart.rxOpen = true;
      while (uart.received.length < input.length) {
        serial.pump();
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(Buffer.from(uart.received).equals(input)).toBe(true);
      client.destroy();
    } finally {
      serial.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
