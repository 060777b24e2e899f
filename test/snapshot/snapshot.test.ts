// Snapshots of a whole machine, as a user takes them: Ctrl-A s on `boot`'s
// console, the emulator stopped, `boot --restore FILE`, and the guest goes
// on where it was: a usertests run finishes, a file written before the
// snapshot is there and one written after it is not, and the same file
// restores twice. Each run logs the snapshot's size and times.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSnapshot } from '../../host/snapshot/reader.js';
import { wasm } from '../../host/platform.js';
import type { Guest } from '../system/fs-guest.js';
import { scratch } from '../system/fs-guest.js';
import { emulator, report } from '../system/session.js';
import { bootCopy, restore, snapshot, stop } from './machine.js';

const RUN_MS = 600_000;
const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Reads, checks and decodes a snapshot as a restore does, and says how long that took. */
function decodeTime(path: string): number {
  const start = performance.now();
  const file = readSnapshot(path);
  file.fill(new Uint8Array(wasm.GUEST_RAM_BASE + file.machine.ramBytes));
  file.disk();
  return performance.now() - start;
}

describe.skipIf(!emulator.available)('snapshots', () => {
  const running: Guest[] = [];
  let cleanup = () => {};
  afterEach(async () => {
    for (const g of running.splice(0)) await stop(g);
    cleanup();
  });

  function scratchDir(): string {
    const s = scratch();
    cleanup = s.cleanup;
    return s.dir;
  }

  it('taken in the middle of usertests -q, restored twice: usertests finishes each time', async () => {
    const dir = scratchDir();
    const first = bootCopy(dir, 2);
    running.push(first);
    await first.waitFor(/\$ $/, 120_000);
    first.type('usertests -q');
    // Well into the suite, with files, pipes and children in flight.
    await first.waitFor(/test (bigwrite|sbrkbasic|forkfork): OK/, RUN_MS);
    const snap = await snapshot(first);
    report(`snapshot in usertests: ${(snap.bytes / 2 ** 20).toFixed(1)} MiB, guest held ${snap.heldMs} ms (copy ${snap.copyMs} ms), written in ${snap.writeMs} ms`, snap.writeMs / 1000);
    expect(snap.path).toBe(join(dir, 'fs.img.snap'));
    // The machine is killed, disk lock and all; its disk moves on meanwhile.
    await first.waitFor(/test \w+: OK/, RUN_MS, first.output.length);
    await stop(first);
    const before = digest(snap.path);
    report(`snapshot read, checked and decoded (128 MiB guest)`, decodeTime(snap.path) / 1000);

    for (const round of [1, 2]) {
      const start = performance.now();
      const g = restore(snap.path);
      running.push(g);
      const m = await g.waitFor(/ALL TESTS PASSED|SOME TESTS FAILED.*\n/, RUN_MS);
      report(`restored usertests finished (round ${round})`, (performance.now() - start) / 1000);
      expect(m[0], g.output.slice(-3000)).toBe('ALL TESTS PASSED');
      expect(g.output).not.toMatch(/panic/);
      await g.waitFor(/\$ $/, 30_000, g.output.indexOf('ALL TESTS PASSED'));
      expect((await g.run('echo after')).replace(/\r/g, '')).toMatch(/^echo after\nafter\n\$ $/);
      await stop(running.pop()!);
      expect(digest(snap.path)).toBe(before);
    }
  }, 3 * RUN_MS);

  it('as a user: type, Ctrl-A s, Ctrl-A x, restore and go on typing; the disk is as it was at the snapshot', async () => {
    const dir = scratchDir();
    const first = bootCopy(dir, 1, ['--snapshot', join(dir, 'mine.snap')]);
    running.push(first);
    await first.waitFor(/\$ $/, 120_000);
    await first.run('echo before > kept');
    // Ctrl-A x right after Ctrl-A s: the quit waits for the file.
    first.write('\x01s\x01x');
    expect(await first.exited).toBe(0);
    expect(first.output).toMatch(/snapshot saved to \S+mine\.snap \([\d.]+ (KiB|MiB)/);
    expect(first.output).toMatch(/terminated by Ctrl-A x/);

    const start = performance.now();
    const again = restore(join(dir, 'mine.snap'));
    running.push(again);
    const echoed = await again.run('echo back', 60_000);
    report('restore until the shell answers (1 hart, 128 MiB)', (performance.now() - start) / 1000);
    expect(echoed.replace(/\r/g, '')).toMatch(/^echo back\nback\n\$ $/);
    expect(await again.run('cat kept')).toMatch(/before/);
    await again.run('echo later > gone');
    expect(await again.run('cat gone')).toMatch(/later/);
    again.write('\x01x');
    expect(await again.exited).toBe(0);

    // Restored again: `gone` was written after the snapshot, so it is not there.
    const third = restore(join(dir, 'mine.snap'));
    running.push(third);
    expect(await third.run('cat gone')).toMatch(/cat: cannot open gone/);
    expect(await third.run('cat kept')).toMatch(/before/);
  }, RUN_MS);
});
