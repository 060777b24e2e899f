// Runs a bare-metal test program from build/test/riscv on our emulator
// (`xv6-wasm run`) or on QEMU's virt machine, and turns a failure code back
// into the check that failed, quoted from the program's source.
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QEMU, qemuArgv, qemuInstalled } from '../../host/machine/qemu-argv.js';
import { root, runChild, xv6, type ChildOptions, type ChildResult } from '../cli/cli.js';

export const elfPath = (name: string) => join(root, 'build/test/riscv', `${name}.elf`);
export const hasQemu = qemuInstalled();

export interface Program {
  name: string;
  cores?: number;
  /** Instruction budget (all harts) after which `run` gives up: a hang guard. */
  maxInsns?: number;
}

export type RunResult = ChildResult;

export interface RunOptions extends Pick<ChildOptions, 'timeoutMs' | 'onStdout'> {
  cores?: number;
  disk?: string;
  maxInsns?: number;
  /** More options for `xv6-wasm run`, e.g. --trace. */
  args?: string[];
}

// Both keep stdin open: a test may type into the program once it listens.

/** `xv6-wasm run` on our emulator. */
export function runOurs(name: string, opts: RunOptions = {}): Promise<RunResult> {
  const args = ['run', elfPath(name), '--cores', String(opts.cores ?? 1), '--max-insns', String(opts.maxInsns ?? 500_000_000)];
  if (opts.disk) args.push('--disk', opts.disk);
  return xv6([...args, ...(opts.args ?? [])], { ...opts, keepStdinOpen: true });
}

/** The same program on `qemu-system-riscv64 -machine virt -bios none`. */
export function runQemu(name: string, opts: RunOptions = {}): Promise<RunResult> {
  const args = qemuArgv({ kernel: elfPath(name), cores: opts.cores ?? 1, disk: opts.disk });
  return runChild(QEMU, args, { ...opts, keepStdinOpen: true, timeoutMs: opts.timeoutMs ?? 30_000 });
}

/** The source line of check n in test/riscv/NAME.S (or the driver it includes). */
function describeCheck(name: string, n: number): string {
  const files = [join(root, 'test/riscv', `${name}.S`), join(root, 'test/riscv/include/virtio_drv.S')];
  const pattern = new RegExp(`(\\(\\s*${n}\\s*,)|(li gp, ${n}\\b)`);
  for (const file of files) {
    const line = readFileSync(file, 'utf8').split('\n').find((l) => pattern.test(l));
    if (line) return line.trim();
  }
  return '(no line with that check number)';
}

/** How a program's run ended, on any machine, in or out of this process. */
export type Verdict = Pick<RunResult, 'code' | 'stdout' | 'stderr' | 'timedOut'> & { signal?: NodeJS.Signals | null };

/** Throws, naming the failed check, unless the run exited 0. */
export function expectPass(name: string, where: string, r: Verdict): void {
  if (r.code === 0 && !r.timedOut) return;
  const why = r.timedOut ? 'timed out'
    : r.code === null ? (r.signal ? `died of ${r.signal}` : 'ended without a verdict')
    : `failed check ${r.code}: ${describeCheck(name, r.code)}`;
  throw new Error(`${name} on ${where} ${why}\n--- stdout\n${r.stdout.slice(-2000)}\n--- stderr\n${r.stderr.slice(-2000)}`);
}

/** A 64 KiB disk whose byte at offset o is (o * 7 + 3) & 0xff, in a fresh temporary directory. */
export function patternDisk(): { file: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'xv6-rvtest-'));
  const file = join(dir, 'disk.img');
  const bytes = Buffer.alloc(64 * 1024);
  for (let o = 0; o < bytes.length; o++) bytes[o] = (o * 7 + 3) & 0xff;
  writeFileSync(file, bytes);
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What vio_fill(seed) writes into one sector. */
export function fillPattern(seed: number): Buffer {
  const b = Buffer.alloc(512);
  for (let i = 0; i < 512; i++) b[i] = (i * 13 + seed) & 0xff;
  return b;
}
