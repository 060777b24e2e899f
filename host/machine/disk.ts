// Opens the disk image once for the whole process (file descriptors are
// shared by all threads, so every hart's virtio-blk uses this one). A file
// the user may not write is opened read-only, and the device says so to the
// guest (VIRTIO_BLK_F_RO), as QEMU does with a read-only image.
import { closeSync, fstatSync, openSync } from 'node:fs';
import type { DiskFile } from '../devices/device.js';

export class DiskError extends Error {}

const SECTOR = 512;

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    default: return err.message;
  }
}

export function openDisk(path: string, readonly: boolean): DiskFile {
  let fd: number;
  let ro = readonly;
  try {
    fd = openSync(path, ro ? 'r' : 'r+');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (ro || (code !== 'EACCES' && code !== 'EROFS' && code !== 'EPERM')) throw new DiskError(`${path}: ${reason(e)}`);
    try {
      fd = openSync(path, 'r');
      ro = true;
    } catch (e2) {
      throw new DiskError(`${path}: ${reason(e2)}`);
    }
  }
  const st = fstatSync(fd);
  const fail = (why: string) => { closeSync(fd); return new DiskError(`${path}: ${why}`); };
  if (!st.isFile() && !st.isBlockDevice()) throw fail('not a regular file');
  if (st.size === 0) throw fail('the disk image is empty');
  if (st.size % SECTOR !== 0) throw fail(`the disk image size (${st.size} bytes) is not a multiple of ${SECTOR}`);
  return { fd, path, readonly: ro, bytes: st.size };
}
