// One image, two emulators: a second writer is refused with one line naming
// the holder's pid, readers share an image, a writer and a reader do not,
// and a lock left by an emulator killed with SIGKILL never blocks the next
// boot.
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { xv6 } from '../cli/cli.js';
import { Guest, scratch, type Target } from './fs-guest.js';
import { emulator, fsImage } from './session.js';

const { dir, cleanup } = scratch();
afterAll(cleanup);

function target(readonly: boolean): Target {
  return { ...emulator, argv: (disk, cores) => [...emulator.argv(disk, cores), ...(readonly ? ['--readonly'] : [])] };
}

async function booted(disk: string, readonly = false): Promise<Guest> {
  const g = new Guest(target(readonly), disk, 1);
  await g.waitFor(/\$ $/, 60_000);
  return g;
}

/** A second boot is refused in one line naming a live emulator that holds `disk`. */
async function refused(disk: string, extra: string[]): Promise<void> {
  const r = await xv6(['boot', '--disk', disk, ...extra], { timeoutMs: 30_000 });
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  const m = /^xv6-wasm: .*: in use by process (\d+), which has it open (for writing|read-only)\n$/.exec(r.stderr);
  expect(m, r.stderr).not.toBeNull();
  const cmdline = readFileSync(`/proc/${m![1]}/cmdline`, 'utf8').split('\0');
  expect(cmdline).toContain(disk);
}

describe.skipIf(!emulator.available)('two emulators and one disk image', () => {
  test('a second writer, and a reader, are refused while a writer runs; the holder is unharmed', async () => {
    const disk = join(dir, 'w.img');
    copyFileSync(fsImage, disk);
    const first = await booted(disk);
    try {
      await refused(disk, []);
      await refused(disk, ['--readonly']);
      expect(await first.run('echo still here')).toMatch(/still here/);
    } finally {
      expect(await first.halt()).toBe(0);
    }
    const again = await booted(disk);
    expect(await again.halt()).toBe(0);
  }, 90_000);

  test('two readers share an image; a writer waits for both to finish', async () => {
    const disk = join(dir, 'r.img');
    copyFileSync(fsImage, disk);
    const a = await booted(disk, true);
    const b = await booted(disk, true);
    try {
      expect(await b.run('ls init')).toMatch(/init/);
      await refused(disk, []);
    } finally {
      expect(await a.halt()).toBe(0);
      expect(await b.halt()).toBe(0);
    }
  }, 90_000);

  test('an emulator killed with SIGKILL leaves a lock that does not block the next boot', async () => {
    const disk = join(dir, 'k.img');
    copyFileSync(fsImage, disk);
    const victim = await booted(disk);
    victim.kill();
    await victim.exited;
    const next = await booted(disk);
    expect(await next.halt()).toBe(0);
  }, 90_000);
});
