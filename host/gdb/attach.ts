// Puts a GDB stub on a machine for the CLI: listens, says in one line how to
// attach, and turns a port that cannot be had into the user's error.
import { relative, isAbsolute } from 'node:path';
import type { GdbSettings } from '../cli/gdb-options.js';
import type { Machine } from '../machine/machine.js';
import { OptionError } from '../machine/options.js';
import { StopReason } from '../machine/power.js';
import { GdbServer } from './server.js';

export async function startGdbServer(machine: Machine, nharts: number, { port, wait, symbols }: GdbSettings, note: (line: string) => void): Promise<GdbServer> {
  let server: GdbServer;
  try {
    server = await GdbServer.listen({
      views: machine.views, harts: machine.harts, nharts,
      kill: () => machine.stop(StopReason.DebuggerKill, 0),
    }, port, note);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new OptionError(`--gdb ${port}: cannot listen on 127.0.0.1:${port} (${code === 'EADDRINUSE' ? 'port in use' : code ?? (e as Error).message})`);
  }
  const rel = relative(process.cwd(), symbols);
  const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : symbols;
  const quoted = /^[\w./+-]+$/.test(shown) ? shown : `'${shown.replace(/'/g, `'\\''`)}'`;
  note(`GDB server on 127.0.0.1:${server.port}${wait ? ' (the harts wait for it)' : ''}; attach with: gdb-multiarch ${quoted} -ex 'target remote :${server.port}'`);
  return server;
}
