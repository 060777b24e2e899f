// The GDB stub's TCP end: 127.0.0.1 only, one client at a time. A second
// client is answered with an error packet and closed while the first keeps
// its session; a client that goes away (detach, a closed socket, even in
// the middle of a packet) leaves the machine running with nothing set.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { frame, PacketReader } from './packet.js';
import { GdbSession, type DebugTarget } from './session.js';

const REFUSAL = 'E.xv6-wasm: another debugger is attached (one client at a time)';
/** How long a refused client may take to say something before it is closed. */
const REFUSE_MS = 5000;

interface Client {
  socket: Socket;
  session: GdbSession;
  /** Packets are answered one after another, in order. */
  queue: Promise<void>;
  ack: boolean;
  last: string;
}

export class GdbServer {
  private client: Client | null = null;

  private constructor(private readonly server: Server, private readonly target: DebugTarget, private readonly note: (line: string) => void) {
    server.on('connection', (socket) => (this.client ? this.refuse(socket) : this.accept(socket)));
  }

  /** Listens on 127.0.0.1:port (0: any free port); rejects with the system's error. */
  static listen(target: DebugTarget, port: number, note: (line: string) => void): Promise<GdbServer> {
    return new Promise((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        server.on('error', (e) => note(`gdb: ${e.message}`));
        resolve(new GdbServer(server, target, note));
      });
    });
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The machine's event word fired: a hart may have stopped at a breakpoint. */
  poll(): void {
    this.client?.session.poll();
  }

  /** The machine stopped: a waiting GDB is told the exit code, then everything closes. */
  close(exitCode: number): void {
    const c = this.client;
    this.client = null;
    if (c) {
      c.session.exited(exitCode);
      c.socket.end();
    }
    this.server.close();
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true);
    const send = (body: string) => {
      const wire = frame(body);
      c.last = wire;
      if (!socket.destroyed) socket.write(wire, 'latin1');
    };
    const c: Client = { socket, session: new GdbSession(this.target, send), queue: Promise.resolve(), ack: true, last: '' };
    this.client = c;
    c.queue = c.session.attach();
    const reader = new PacketReader();
    socket.on('data', (chunk: Buffer) => {
      for (const m of reader.push(chunk)) {
        if (m.kind === 'packet') {
          if (c.ack) socket.write('+');
          c.queue = c.queue.then(() => c.session.handle(m.body)).then(() => {
            if (m.body === 'QStartNoAckMode') c.ack = false;
          }, (e: Error) => this.note(`gdb: ${e.message}`));
        } else if (m.kind === 'bad') {
          if (c.ack) socket.write('-');
        } else if (m.kind === 'nak') {
          if (c.last) socket.write(c.last, 'latin1');
        } else if (m.kind === 'interrupt') {
          // In order: a Ctrl-C right after a continue stops what it started.
          c.queue = c.queue.then(() => c.session.interrupt());
        }
      }
    });
    const gone = () => {
      if (this.client !== c) return;
      this.client = null;
      c.queue = c.queue.then(() => c.session.detach()).catch((e: Error) => this.note(`gdb: ${e.message}`));
    };
    socket.on('close', gone);
    socket.on('error', () => socket.destroy());
  }

  private refuse(socket: Socket): void {
    const reader = new PacketReader();
    const timer = setTimeout(() => socket.destroy(), REFUSE_MS);
    socket.on('data', (chunk: Buffer) => {
      if (!reader.push(chunk).some((m) => m.kind === 'packet')) return;
      socket.end('+' + frame(REFUSAL), 'latin1');
    });
    socket.on('close', () => clearTimeout(timer));
    socket.on('error', () => socket.destroy());
  }
}
