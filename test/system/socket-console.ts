// A pgroup's console from outside the guest: the Unix socket that
// `boot --serial-dir DIR` makes for UART k, with the same waitFor/run as
// the root console's Guest.
import { connect, Socket } from 'node:net';
import { join } from 'node:path';

export class SocketConsole {
  output = '';
  private waiters: (() => void)[] = [];

  private constructor(private readonly sock: Socket) {
    sock.on('data', (d: Buffer) => {
      this.output += d.toString('latin1');
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** Connects to DIR/uartK, retrying while the machine is still making it. */
  static async open(dir: string, unit: number, ms = 30_000): Promise<SocketConsole> {
    const path = join(dir, `uart${unit}`);
    const deadline = Date.now() + ms;
    for (;;) {
      try {
        const sock = await new Promise<Socket>((resolve, reject) => {
          const s = connect(path);
          s.once('connect', () => resolve(s));
          s.once('error', reject);
        });
        return new SocketConsole(sock);
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  async waitFor(re: RegExp, ms = 60_000, from = 0): Promise<RegExpMatchArray> {
    const deadline = Date.now() + ms;
    for (;;) {
      const m = this.output.slice(from).match(re);
      if (m) return m;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${re} within ${ms} ms on a group console; output:\n${this.output.slice(-2000)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 1000));
        this.waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
  }

  type(line: string): void {
    this.sock.write(line + '\n');
  }

  /** Types a command line and returns what follows it up to the next prompt. */
  async run(line: string, ms = 60_000): Promise<string> {
    const from = this.output.length;
    this.type(line);
    await this.waitFor(/\$ $/, ms, from + line.length);
    const out = this.output.slice(from).replace(/\r/g, '');
    return (out.startsWith(line + '\n') ? out.slice(line.length + 1) : out).replace(/\$ $/, '');
  }

  close(): void {
    this.sock.destroy();
  }
}
