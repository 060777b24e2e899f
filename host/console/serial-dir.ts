// `--serial-dir DIR`: UART1..UART(n-1) as Unix sockets DIR/uart1.. (UART0
// stays on the terminal). The directory is checked and made before the
// machine is built, so a bad one is a one-line user error; socket files left
// by an emulator that died are replaced, anything else in their place is
// left alone and refused; the sockets go away when we exit, however we exit.
import { lstatSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { UartConsole } from '../devices/index.js';
import { OptionError } from '../machine/options.js';
import { SocketSerial } from './socket-serial.js';

// sun_path holds 108 bytes on Linux, 104 on the BSDs and macOS, with the NUL.
const SOCKET_PATH_MAX = process.platform === 'linux' ? 107 : 103;

const socketName = (unit: number): string => `uart${unit}`;

/** Makes DIR if needed and removes stale sockets of UART1..nuarts-1; throws
 *  OptionError naming what is wrong. Returns the socket paths, UART1 first. */
export function prepareSerialDir(dir: string, nuarts: number): string[] {
  const say = (what: string) => new OptionError(`--serial-dir ${dir}: ${what}`);
  const paths = Array.from({ length: nuarts - 1 }, (_, i) => join(dir, socketName(i + 1)));
  const longest = paths[paths.length - 1] ?? join(dir, socketName(1));
  if (Buffer.byteLength(longest) > SOCKET_PATH_MAX) {
    throw say(`too long for a Unix socket (${longest} is over ${SOCKET_PATH_MAX} bytes)`);
  }
  try {
    mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw say('not a directory');
  } catch (e) {
    if (e instanceof OptionError) throw e;
    throw say(systemReason(e));
  }
  for (const path of paths) {
    const st = lstatSync(path, { throwIfNoEntry: false });
    if (st === undefined) continue;
    if (!st.isSocket()) throw say(`${path} exists and is not a socket`);
    try {
      rmSync(path);
    } catch (e) {
      throw say(`cannot remove the old ${path}: ${systemReason(e)}`);
    }
  }
  return paths;
}

/** The sockets of one machine's group consoles. */
export class SerialDir {
  private removed = false;
  private readonly onExit = () => this.close();

  private constructor(private readonly sockets: SocketSerial[]) {
    process.once('exit', this.onExit);
  }

  /** Listens on every path (from prepareSerialDir); consoles[k] is UART k. */
  static async open(paths: string[], consoles: UartConsole[]): Promise<SerialDir> {
    const dir = new SerialDir(paths.map((path, i) => new SocketSerial(consoles[i + 1], path)));
    try {
      for (const s of dir.sockets) {
        await s.listen().catch((e: unknown) => {
          throw new OptionError(`--serial-dir: cannot listen on ${s.path}: ${systemReason(e)}`);
        });
      }
    } catch (e) {
      dir.close();
      throw e;
    }
    return dir;
  }

  pump(): void {
    for (const s of this.sockets) s.pump();
  }

  /** The sockets' held input and output, UART1 first. */
  hostState(): { input: Uint8Array; output: Uint8Array }[] {
    return this.sockets.map((s) => s.hostState());
  }

  /** states[i] goes to UART i+1. */
  restoreHostState(states: { input: Uint8Array; output: Uint8Array }[]): void {
    this.sockets.forEach((s, i) => { if (states[i]) s.restoreHostState(states[i].input, states[i].output); });
  }

  /** Closes the sockets and removes their files; synchronous, so it also
   *  works from process 'exit'. */
  close(): void {
    if (this.removed) return;
    this.removed = true;
    process.off('exit', this.onExit);
    for (const s of this.sockets) {
      s.close();
      rmSync(s.path, { force: true });
    }
  }
}

/** "permission denied" from an EACCES error, else the message. */
function systemReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const reasons: Record<string, string> = {
    EACCES: 'permission denied', EPERM: 'permission denied', ENOTDIR: 'a part of the path is not a directory',
    EEXIST: 'exists and is not a directory', EROFS: 'read-only file system', ENAMETOOLONG: 'name too long',
  };
  return (err?.code && reasons[err.code]) ?? err?.message ?? String(e);
}
