// The bench's --gdb side: our machine with the GDB stub listening and a
// client attached that let the harts run, with no breakpoint or watchpoint
// set: what a debugging session costs the guest while it is not stopped.
import { connect, type Socket } from 'node:net';
import { frame } from '../gdb/packet.js';
import { GdbServer } from '../gdb/server.js';
import type { Machine } from '../machine/machine.js';

export class AttachedGdb {
  private constructor(private readonly server: GdbServer, private readonly socket: Socket) {}

  static async attach(machine: Machine, nharts: number, note: (line: string) => void): Promise<AttachedGdb> {
    const server = await GdbServer.listen({ views: machine.views, harts: machine.harts, nharts, kill: () => {} }, 0, note);
    const socket = connect(server.port, '127.0.0.1');
    socket.on('error', () => {});
    socket.on('data', () => {});
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(frame('?') + frame('vCont;c'), 'latin1');
    return new AttachedGdb(server, socket);
  }

  poll(): void {
    this.server.poll();
  }

  close(): void {
    this.socket.destroy();
    this.server.close(0);
  }
}
