// A minimal remote-protocol client for the tests that need to misbehave
// (cut a packet short, connect twice) or to see the raw replies.
import { connect, type Socket } from 'node:net';
import { frame, PacketReader } from '../../host/gdb/packet.js';

export class RspClient {
  private replies: string[] = [];
  private waiters: (() => void)[] = [];
  private readonly reader = new PacketReader();
  closed = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (d: Buffer) => {
      for (const m of this.reader.push(d)) {
        if (m.kind === 'packet') {
          this.replies.push(m.body);
          socket.write('+');
        }
      }
      for (const w of this.waiters.splice(0)) w();
    });
    socket.on('close', () => {
      this.closed = true;
      for (const w of this.waiters.splice(0)) w();
    });
    socket.on('error', () => {});
  }

  static open(port: number): Promise<RspClient> {
    return new Promise((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => resolve(new RspClient(s)));
      s.once('error', reject);
    });
  }

  /** Writes raw bytes (a broken packet, Ctrl-C). */
  raw(text: string): void {
    this.socket.write(text, 'latin1');
  }

  /** The next reply packet; rejects after ms or when the connection closes first. */
  async reply(ms = 10_000): Promise<string> {
    const deadline = Date.now() + ms;
    while (this.replies.length === 0) {
      if (this.closed) throw new Error('connection closed');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no reply');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
    return this.replies.shift()!;
  }

  async ask(body: string, ms?: number): Promise<string> {
    this.raw(frame(body));
    return this.reply(ms);
  }

  close(): void {
    this.socket.destroy();
  }
}
