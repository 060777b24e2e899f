// Drives a booted guest through its console for the file-system tests: on
// QEMU (when installed) and on our emulator. Each machine gets a copy of a
// disk image, so tests can inspect and damage images freely.
import { spawn, ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QEMU, qemuArgv, qemuInstalled } from '../../host/machine/qemu-argv.js';
import { projectRoot } from '../../host/platform.js';

// XV6_KERNEL runs the tests against another kernel build (to check that they can fail).
export const kernelPath = process.env.XV6_KERNEL ?? join(projectRoot, 'build/kernel/kernel');
export const userDir = join(projectRoot, 'build/user');

export interface Target {
  name: string;
  available: boolean;
  argv(disk: string, cores: number): string[];
}

export const targets: Target[] = [
  {
    name: 'emulator',
    available: existsSync(join(projectRoot, 'build/host/cli/main.js')) && existsSync(kernelPath),
    argv: (disk, cores) => [process.execPath, join(projectRoot, 'bin/xv6-wasm.js'), 'boot',
      '--kernel', kernelPath, '--disk', disk, '--cores', String(cores)],
  },
  {
    name: 'qemu',
    available: qemuInstalled() && existsSync(kernelPath),
    argv: (disk, cores) => [QEMU, ...qemuArgv({ kernel: kernelPath, cores, disk })],
  },
];

/** A scratch directory removed by `cleanup()`. */
export function scratch(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'xv6-fs-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export class Guest {
  output = '';
  readonly exited: Promise<number | null>;
  private proc: ChildProcess;
  private waiters: (() => void)[] = [];

  constructor(target: Target, readonly disk: string, cores = 2) {
    const [cmd, ...args] = target.argv(disk, cores);
    this.proc = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const take = (d: Buffer) => {
      this.output += d.toString('latin1');
      for (const w of this.waiters.splice(0)) w();
    };
    this.proc.stdout!.on('data', take);
    this.proc.stderr!.on('data', take);
    this.exited = new Promise((resolve) => this.proc.on('exit', (code) => {
      for (const w of this.waiters.splice(0)) w();
      resolve(code);
    }));
  }

  static withCopy(target: Target, image: string, disk: string, cores = 2): Guest {
    copyFileSync(image, disk);
    return new Guest(target, disk, cores);
  }

  get running(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** Resolves when the output after `from` matches; rejects on exit or after `ms`. */
  async waitFor(re: RegExp, ms = 60_000, from = 0): Promise<RegExpMatchArray> {
    let m: RegExpMatchArray | null = null;
    await this.waitUntil(() => (m = this.output.slice(from).match(re)) !== null, String(re), ms);
    return m!;
  }

  /** Resolves once `done()` holds, checked whenever output arrives. */
  async waitUntil(done: () => boolean, what: string, ms = 60_000): Promise<void> {
    const deadline = Date.now() + ms;
    for (;;) {
      if (done()) return;
      if (!this.running) throw new Error(`guest exited before ${what}; output:\n${this.output.slice(-2000)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${what} within ${ms} ms; output:\n${this.output.slice(-2000)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 1000));
        this.waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
  }

  /** Types a command line and waits for the prompt that follows its output. */
  async run(line: string, ms = 60_000): Promise<string> {
    const from = this.output.length;
    this.proc.stdin!.write(line + '\n');
    await this.waitFor(/\n\$ $|\$ $/, ms, from + line.length);
    return this.output.slice(from);
  }

  type(line: string): void {
    this.write(line + '\n');
  }

  /** Bytes as they are, Ctrl-A escapes included. */
  write(text: string): void {
    this.proc.stdin!.write(text);
  }

  /** `halt`, and the exit code of the machine. */
  async halt(ms = 60_000): Promise<number | null> {
    this.type('halt');
    const t = setTimeout(() => this.kill(), ms);
    const code = await this.exited;
    clearTimeout(t);
    return code;
  }

  kill(): void {
    if (this.running) this.proc.kill('SIGKILL');
  }
}
