// Damage the fuzzers found fsck stopping at instead of listing: each is a
// problem line, and the rest of the image is still checked.
import { describe, expect, it } from 'vitest';
import { checkImage } from '../../host/fs/fsck.js';
import { DiskImage } from '../../host/fs/image.js';
import { buildImage } from '../../host/fs/mkfs.js';

describe('fsck on damaged directories', () => {
  it('lists a directory larger than the largest file and goes on', () => {
    const bytes = buildImage([{ name: 'a', data: Buffer.from('x') }]);
    const img = new DiskImage(bytes);
    const root = img.readInode(1);
    root.size = 0xffffffff;
    img.writeInode(1, root);
    const r = checkImage(bytes);
    expect(r.problems).toContain('inode 1: size 4294967295 is larger than the largest file');
  });
});
