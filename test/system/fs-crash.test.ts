// Crash safety: SIGKILL the machine while the guest writes files, then
//   1. fsck the image as the next boot will see it (a committed transaction
//      still in the log is installed in memory, as recovery will): clean,
//      and every file the guest reported written ("wrote fswK", printed by
//      user/fswrite.c after close) is there with its exact contents;
//   2. boot it again: the guest itself finds each reported file intact
//      (`fswrite -v`), and after a clean halt the image is clean with an
//      empty log, so the kernel's own recovery did the installing.
// The kill lands at a different point in each round.
import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkfs } from '../../host/fs/mkfs.js';
import { checkImage } from '../../host/fs/fsck.js';
import { recoveredImage } from '../../host/fs/log.js';
import { readPath } from '../../host/fs/lookup.js';
import { Guest, scratch, targets, userDir } from './fs-guest.js';

/** What user/fswrite.c puts in file fswK. */
function fswContents(k: number): Buffer {
  const len = (k % 8 + 1) * 1024 + k;
  const b = Buffer.alloc(len);
  for (let i = 0; i < len; i++) b[i] = 97 + ((7 * k + i) % 26);
  return b;
}

function reported(output: string): number[] {
  return [...output.matchAll(/wrote fsw(\d+)\r?\n/g)].map((m) => Number(m[1]));
}

const FILES = 400;

for (const target of targets) {
  describe.skipIf(!target.available)(`crash safety on ${target.name}`, () => {
    const { dir, cleanup } = scratch();
    const base = join(dir, 'base.img');
    afterAll(cleanup);

    it.each([3, 12, 25])('survives a SIGKILL after %i files are reported written', async (after) => {
      const progs = readdirSync(userDir).filter((f) => f.startsWith('_')).map((f) => join(userDir, f));
      mkfs(base, progs);
      const image = join(dir, `crash-${after}.img`);

      const first = Guest.withCopy(target, base, image);
      try {
        await first.waitFor(/\$ $/);
        first.type(`fswrite ${FILES}`);
        await first.waitUntil(() => reported(first.output).length >= after, `${after} files written`, 120_000);
      } finally {
        first.kill();
      }
      await first.exited;
      expect(first.output).not.toContain('fswrite done');   // the kill came mid-way
      const written = reported(first.output);
      expect(written.length).toBeGreaterThanOrEqual(after);

      const bytes = readFileSync(image);
      expect(checkImage(bytes).problems).toEqual([]);
      const img = recoveredImage(bytes);
      for (const k of written) expect(readPath(img, `fsw${k}`)?.equals(fswContents(k)), `fsw${k}`).toBe(true);

      const second = new Guest(target, image);
      try {
        await second.waitFor(/\$ $/);
        const out = await second.run(`fswrite -v ${Math.max(...written) + 1}`, 120_000);
        for (const k of written) expect(out).toMatch(new RegExp(`intact fsw${k}\\r?\\n`));
        expect(await second.halt()).toBe(0);
      } finally {
        second.kill();
      }
      const after2 = checkImage(readFileSync(image));
      expect(after2.problems).toEqual([]);
      expect(after2.replayed).toBe(0);
    }, 300_000);
  });
}
