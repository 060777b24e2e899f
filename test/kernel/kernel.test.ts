// The kernel's own promises, seen from outside the guest: it sizes itself
// from the device tree, a panic says what and where and powers the machine
// off with a failure code, and idle harts sleep in WFI instead of spinning.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { QEMU, qemuArgv, qemuInstalled } from '../../host/machine/qemu-argv.js';
import { root, xv6 } from '../cli/cli.js';

const kernel = join(root, 'build/kernel/kernel');
const fsImage = join(root, 'build/fs.img');
const dir = mkdtempSync(join(tmpdir(), 'xv6-wasm-kernel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run { code: number | null; out: string }

/** QEMU with no disk attached: the kernel sizes itself, then panics in the disk driver. */
function qemuWithoutDisk(cores: number, mb: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(QEMU, qemuArgv({ kernel, cores, ramBytes: mb * 2 ** 20 }),
    { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, out }); });
  });
}

/** What every panic report must hold: the message, the hart, return addresses. */
function expectPanicReport(out: string, message: RegExp): void {
  expect(out).toMatch(/panic: .*/);
  expect(out).toMatch(message);
  expect(out).toMatch(/hart \d+/);
  const frames = out.split('backtrace:')[1]?.match(/0x[0-9a-f]{16}/g) ?? [];
  expect(frames.length).toBeGreaterThanOrEqual(2);
  // Every frame is a return address inside the kernel's text.
  for (const f of frames) expect(BigInt(f) >= 0x80000000n).toBe(true);
}

describe.skipIf(!existsSync(kernel))('kernel', () => {
  test.skipIf(!qemuInstalled())('on QEMU: harts and memory come from the device tree; a panic reports and exits non-zero', async () => {
    const r = await qemuWithoutDisk(3, 64);
    expect(r.out).toMatch(/3 harts, 64 MiB RAM/);
    expectPanicReport(r.out, /virtio/);
    expect(r.code).toBe(1);
  });

  test('on our emulator: harts and memory come from the device tree; a panic reports and exits non-zero', async () => {
    // `run` attaches no disk unless asked, so the disk driver panics.
    const r = await xv6(['run', kernel, '--cores', '3', '--mem', '64M'], { timeoutMs: 60_000 });
    const out = r.stdout + r.stderr;
    expect(out).toMatch(/3 harts, 64 MiB RAM/);
    expectPanicReport(out, /virtio/);
    expect(r.code).toBe(1);
  });

  test.skipIf(!existsSync(fsImage))('idle harts wait in WFI: after boot they retire fewer instructions than the boot hart did booting', async () => {
    const disk = join(dir, 'idle.img');
    copyFileSync(fsImage, disk);
    const r = await new Promise<Run>((resolve, reject) => {
      const child = spawn(process.execPath, [join(root, 'bin/xv6-wasm.js'), 'boot', '--kernel', kernel,
        '--disk', disk, '--cores', '4', '--stats'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      let halted = false;
      const onData = (d: Buffer) => {
        out += d;
        // At the prompt, leave the machine idle for a while, then halt it.
        if (!halted && /\$ $/.test(out)) {
          halted = true;
          setTimeout(() => child.stdin.write('halt\n'), 3000);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
      child.on('error', reject);
      child.on('close', (code) => { clearTimeout(timer); resolve({ code, out }); });
    });
    expect(r.code).toBe(0);
    const retired = [...r.out.matchAll(/hart (\d+)\s+(\d+) instructions/g)].map((m) => Number(m[2]));
    expect(retired.length).toBe(4);
    // Hart 0 booted the kernel and ran init and the shell; harts 1-3 had
    // nothing to do but timer ticks. A hart spinning for even a fraction of
    // the idle seconds would retire far more than the whole boot.
    for (const n of retired.slice(1)) expect(n).toBeLessThan(retired[0]);
  });
});
