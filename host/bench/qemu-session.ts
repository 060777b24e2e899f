// QEMU as a benchmark side: the same kernel and a copy of the same disk
// image on qemu-system-riscv64's virt machine, driven through a pipe exactly
// like our side.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { QEMU, qemuArgv } from '../machine/qemu-argv.js';
import { ConsoleLog } from './console-log.js';
import type { GuestSession, SessionConfig } from './guest-session.js';

export function qemuVersion(): string {
  const r = spawnSync(QEMU, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0].replace(/^QEMU emulator version /, '') : 'not installed';
}

function qemuArgs(cfg: SessionConfig): string[] {
  return qemuArgv({ kernel: cfg.kernel, cores: cfg.cores, ramBytes: cfg.ramBytes, disk: cfg.disk });
}

export class QemuSession implements GuestSession {
  readonly side = 'qemu' as const;
  readonly log = new ConsoleLog();
  readonly startedAt = performance.now();
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;

  constructor(cfg: SessionConfig) {
    this.child = spawn(QEMU, qemuArgs(cfg), { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout!.setEncoding('utf8');
    this.child.stdout!.on('data', (s: string) => this.log.append(s));
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (s: string) => this.log.append(`\n[qemu: ${s.trim()}]\n`));
    this.child.stdin!.on('error', () => {});
    this.exited = new Promise((resolve) => {
      this.child.on('error', (e) => { this.log.close(`${QEMU} could not start: ${e.message}`); resolve(); });
      this.child.on('exit', (code, signal) => { this.log.close(`${QEMU} exited (${signal ?? code})`); resolve(); });
    });
  }

  type(text: string): void {
    this.child.stdin!.write(text);
  }

  instret(): null {
    return null;
  }

  async close(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }
}
