// Log recovery, made deterministic: a SIGKILL rarely lands in the short
// window between a commit and the end of its install, so this test builds
// that state itself. It lets the guest create a file, takes the blocks that
// changed, and puts them back into the old image as a committed log
// transaction, half of them already installed (a crash mid-install). fsck
// must see the file (it replays the log in memory) and the kernel must
// install it at boot. Likewise for an inode a crash left allocated with no
// links (unlinked while open): fsck counts it, the kernel frees it at boot.
import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkfs } from '../../host/fs/mkfs.js';
import { checkImage } from '../../host/fs/fsck.js';
import { DiskImage } from '../../host/fs/image.js';
import { BSIZE, DIRENT_SIZE, ROOTINO } from '../../host/fs/layout.js';
import { lookup, readPath } from '../../host/fs/lookup.js';
import { Guest, scratch, targets, userDir } from './fs-guest.js';

/**
 * `before` with the blocks where `after` differs written to its log as one
 * committed transaction, the first `installed` of them also at home.
 */
function crashedMidInstall(before: Buffer, after: Buffer, installed: number): { bytes: Buffer; n: number } {
  const img = new DiskImage(Buffer.from(before));
  const { logstart, nlog, size } = img.sb;
  const changed: number[] = [];
  for (let b = logstart + nlog; b < size; b++) {
    if (!before.subarray(b * BSIZE, (b + 1) * BSIZE).equals(after.subarray(b * BSIZE, (b + 1) * BSIZE))) changed.push(b);
  }
  if (changed.length === 0 || changed.length > nlog - 1) throw new Error(`${changed.length} changed blocks do not make a transaction`);
  const header = img.block(logstart);
  header.writeInt32LE(changed.length, 0);
  changed.forEach((home, i) => {
    header.writeUInt32LE(home, 4 + 4 * i);
    after.copy(img.block(logstart + 1 + i), 0, home * BSIZE, (home + 1) * BSIZE);
    if (i < installed) after.copy(img.block(home), 0, home * BSIZE, (home + 1) * BSIZE);
  });
  return { bytes: img.bytes, n: changed.length };
}

for (const target of targets) {
  describe.skipIf(!target.available)(`log recovery on ${target.name}`, () => {
    const { dir, cleanup } = scratch();
    afterAll(cleanup);

    it('installs a committed transaction left half-installed by a crash', async () => {
      const progs = readdirSync(userDir).filter((f) => f.startsWith('_')).map((f) => join(userDir, f));
      const beforeImg = join(dir, 'before.img');
      const afterImg = join(dir, 'after.img');
      mkfs(beforeImg, progs);

      // Boot once so that `before` is what the kernel leaves (console node made).
      const warm = Guest.withCopy(target, beforeImg, afterImg);
      await warm.waitFor(/\$ $/);
      expect(await warm.halt()).toBe(0);
      copyFileSync(afterImg, beforeImg);

      const g = new Guest(target, afterImg);
      await g.waitFor(/\$ $/);
      await g.run('echo kept by the log > fromlog');
      expect(await g.halt()).toBe(0);

      const before = readFileSync(beforeImg);
      const after = readFileSync(afterImg);
      const { bytes, n } = crashedMidInstall(before, after, 1);
      const crashed = join(dir, 'crashed.img');
      writeFileSync(crashed, bytes);

      // Without the log the file is not there: the test depends on recovery.
      expect(readPath(new DiskImage(Buffer.from(bytes)), 'fromlog')).toBeUndefined();
      const seen = checkImage(bytes);
      expect(seen.problems).toEqual([]);
      expect(seen.replayed).toBe(n);

      const r = new Guest(target, crashed);
      try {
        await r.waitFor(/\$ $/);
        expect(r.output).toContain(`log: recovering a committed transaction of ${n} blocks`);
        expect(await r.run('cat fromlog')).toContain('kept by the log');
        expect(await r.halt()).toBe(0);
      } finally {
        r.kill();
      }
      const recovered = readFileSync(crashed);
      const final = checkImage(recovered);
      expect(final.problems).toEqual([]);
      expect(final.replayed).toBe(0);
      expect(readPath(new DiskImage(recovered), 'fromlog')?.toString()).toBe('kept by the log\n');
    }, 180_000);

    it('frees at boot a file a crash left allocated after its last unlink', async () => {
      const orphaned = join(dir, 'orphan.img');
      writeFileSync(join(dir, 'doomed'), Buffer.alloc(20 * BSIZE, 'x'));
      const progs = readdirSync(userDir).filter((f) => f.startsWith('_')).map((f) => join(userDir, f));
      mkfs(orphaned, [...progs, join(dir, 'doomed')]);
      // What an unlink of an open file leaves when the machine dies before the close.
      const img = new DiskImage(readFileSync(orphaned));
      const victim = lookup(img, 'doomed')!;
      const d = img.readInode(victim);
      d.nlink = 0;
      img.writeInode(victim, d);
      const root = img.readInode(ROOTINO);
      const rootData = img.readFile(root);
      for (let off = 0; off < rootData.length; off += DIRENT_SIZE) {
        if (rootData.readUInt16LE(off) === victim) {
          const block = img.block(root.addrs[Math.floor(off / BSIZE)]);
          block.fill(0, off % BSIZE, off % BSIZE + DIRENT_SIZE);
        }
      }
      writeFileSync(orphaned, img.bytes);
      const before = checkImage(img.bytes);
      expect(before.orphans).toBe(1);

      const g = new Guest(target, orphaned);
      try {
        await g.waitFor(/\$ $/);
        expect(g.output).toContain(`fs: freeing orphaned inode ${victim}`);
        expect(await g.halt()).toBe(0);
      } finally {
        g.kill();
      }
      const after = checkImage(readFileSync(orphaned));
      expect(after.problems).toEqual([]);
      expect(after.orphans).toBe(0);
      expect(after.blocksInUse).toBeLessThanOrEqual(before.blocksInUse - 20);
    }, 120_000);
  });
}
