// `--serial-dir`: UART1 as a Unix socket, driven by a bare-metal echo program
// (test/riscv/serial_echo.S): echo, one client at a time, output written
// while nobody is connected arrives whole and in order on reconnect, the
// sockets go away at exit; and the directory mistakes a user can make.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { root } from './cli.js';
import { xv6InProcess } from './in-process.js';

const ELF = join(root, 'build/test/riscv/serial_echo.elf');
const BURST_LINES = 6000; // as in serial_echo.S

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'xv6-serial-'));
  dirs.push(d);
  return d;
}

/** A client of one socket that collects everything it receives. */
class Client {
  text = '';
  closed: Promise<void>;
  private waiters: (() => void)[] = [];
  readonly socket: Socket;

  constructor(path: string) {
    this.socket = connect(path);
    this.socket.setEncoding('latin1');
    this.socket.on('data', (d: string) => {
      this.text += d;
      for (const w of this.waiters.splice(0)) w();
    });
    this.closed = new Promise((resolve) => this.socket.on('close', () => resolve()));
  }

  async until(pattern: string, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!this.text.includes(pattern)) {
      if (Date.now() > deadline) throw new Error(`no '${pattern}' within ${timeoutMs} ms; got ${JSON.stringify(this.text.slice(-200))}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 100);
      });
    }
    return this.text;
  }
}

/** Waits until the emulator listens on `path` (it may hold a stale file until then). */
async function listening(path: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(path);
      s.on('connect', () => { s.destroy(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(50);
  }
  throw new Error(`nobody listens on ${path}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('xv6-wasm run --serial-dir', () => {
  it('makes UART1 a socket that keeps every byte for the next client', async () => {
    const dir = join(tempDir(), 'consoles'); // does not exist yet
    const child = spawn(process.execPath, [join(root, 'bin/xv6-wasm.js'), 'run', ELF, '--serial-dir', dir], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    try {
      // Sockets listen in order, so uart1 does once uart7 does (probing
      // uart1 itself would make the probe its client for a moment).
      await listening(join(dir, 'uart7'));
      const first = new Client(join(dir, 'uart1'));
      first.socket.write('hello over uart1\n');
      expect(await first.until('hello over uart1\n')).toBe('hello over uart1\n');

      // A second client is turned away; the first keeps the console.
      const second = new Client(join(dir, 'uart1'));
      await second.closed;
      expect(second.text).toMatch(/already has a client/);
      first.socket.write('still mine\n');
      await first.until('still mine\n');

      // The guest starts writing 144 KB a moment after this, with nobody connected.
      first.socket.end('!');
      await first.closed;
      await sleep(1500);
      const third = new Client(join(dir, 'uart1'));
      const text = await third.until('done\n');
      const lines = Array.from({ length: BURST_LINES }, (_, i) => `${String(i).padStart(5, '0')} abcdefghijklmnopq\n`);
      expect(text).toBe(lines.join('') + 'done\n');

      third.socket.write('q');
      expect(await exited).toBe(0);
      expect(stderr).toBe('');
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      clearTimeout(killer);
      child.kill('SIGKILL');
    }
  }, 90_000);

  it('replaces a stale socket file left by an emulator that died', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, [join(root, 'bin/xv6-wasm.js'), 'run', ELF, '--serial-dir', dir], { cwd: root, stdio: 'ignore' });
    await listening(join(dir, 'uart7'));
    child.kill('SIGKILL'); // leaves the socket files behind
    await new Promise((r) => child.on('close', r));
    expect(existsSync(join(dir, 'uart1'))).toBe(true);
    const again = spawn(process.execPath, [join(root, 'bin/xv6-wasm.js'), 'run', ELF, '--serial-dir', dir], { cwd: root, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => again.on('close', (code) => resolve(code)));
    await listening(join(dir, 'uart7'));
    const client = new Client(join(dir, 'uart1'));
    client.socket.write('x');
    await client.until('x');
    client.socket.write('q');
    expect(await exited).toBe(0);
  }, 60_000);

  it('refuses a directory it cannot use, in one line', async () => {
    const base = tempDir();
    const file = join(base, 'file');
    writeFileSync(file, '');
    writeFileSync(join(base, 'uart1'), 'not a socket');
    const cases: [string, RegExp][] = [
      [file, /not a directory/],
      [join(file, 'sub'), /not a directory/],
      [join(base, 'x'.repeat(120)), /too long for a Unix socket/],
      [base, /uart1 exists and is not a socket/],
    ];
    for (const [dir, why] of cases) {
      const r = await xv6InProcess(['run', ELF, '--serial-dir', dir]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(why);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^xv6-wasm: --serial-dir /);
    }
  }, 60_000);
});
