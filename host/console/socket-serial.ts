// One UART as a Unix socket server, as QEMU's `-serial unix:PATH,server,nowait`:
// a script, `socat` or `nc -U PATH` connects and talks to the guest.
//
// One client at a time: a second connection is told so in one line and
// closed at once, so a console is never taken over by accident (the first
// stays; reconnect once it has gone).
//
// Nothing the guest writes is dropped. With no client, output waits here, at
// most HOLD_LIMIT bytes; then it is no longer taken from the UART, whose full
// ring makes the guest's writer wait. A client that connects gets the held
// output first. A client that reads slowly holds the guest back the same way
// (what Node has queued for the socket counts against the limit). Only what
// a client was sent and did not read before it hung up is its own loss.
import { createServer, type Server, type Socket } from 'node:net';
import type { UartConsole } from '../devices/index.js';
import { TX_SIZE } from '../devices/uart-state.js';
import { SerialLink } from './serial-link.js';

export const HOLD_LIMIT = 64 * 1024;

export class SocketSerial {
  private readonly server: Server;
  private client: Socket | null = null;
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  private readonly link: SerialLink;

  constructor(uart: UartConsole, readonly path: string) {
    // Taking drains the whole TX ring at once, so take only while a full ring
    // still fits under the limit.
    this.link = new SerialLink(uart, (bytes) => this.output(bytes), () => this.queued() + TX_SIZE <= HOLD_LIMIT);
    this.server = createServer((socket) => this.accept(socket));
  }

  /** Starts listening; rejects with the system's error (EADDRINUSE, EACCES...). */
  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.path, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  /** Moves bytes both ways; call on every main-thread wake-up. */
  pump(): void {
    this.link.pump();
    // Input the guest cannot take yet stays in the link; stop reading more
    // from the client until it drains, as the guest's pace allows.
    if (this.client?.isPaused() && this.link.wantsInput()) this.client.resume();
  }

  /** Output waiting for the client: held here, or queued in Node for the socket. */
  queued(): number {
    return this.heldBytes + (this.client?.writableLength ?? 0);
  }

  /** What this end holds for a snapshot: input not yet taken, output not yet sent. */
  hostState(): { input: Uint8Array; output: Uint8Array } {
    return { input: this.link.heldInput(), output: Buffer.concat(this.held) };
  }

  /** Takes back what a snapshot held: the guest gets the input, the next client the output first. */
  restoreHostState(input: Uint8Array, output: Uint8Array): void {
    if (output.length > 0) this.output(output);
    this.link.send(input);
  }

  close(): void {
    this.client?.destroy();
    this.server.close();
  }

  private output(bytes: Uint8Array): void {
    if (this.client) {
      this.client.write(bytes);
    } else {
      this.held.push(bytes);
      this.heldBytes += bytes.length;
    }
  }

  private accept(socket: Socket): void {
    socket.on('error', () => {}); // a client that vanishes is the same as one that hangs up
    if (this.client) {
      socket.end(`xv6-wasm: ${this.path} already has a client\n`);
      return;
    }
    this.client = socket;
    for (const bytes of this.held) socket.write(bytes);
    this.held = [];
    this.heldBytes = 0;
    socket.on('data', (chunk: Buffer) => {
      this.link.send(chunk);
      if (!this.link.wantsInput()) socket.pause();
    });
    socket.on('drain', () => this.pump());
    socket.on('close', () => {
      if (this.client === socket) this.client = null;
      this.pump();
    });
    this.pump();
  }
}
