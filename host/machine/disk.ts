// Opens the disk image once for the whole process (file descriptors are
// shared by all threads, so every hart's virtio-blk uses this one) and locks
// it against other emulators for as long as it is open (disk-lock.ts).
//
// A file the user may not write is refused unless --readonly asks for
// read-only access: falling back quietly would hand the guest a disk it
// cannot write, which it learns only when its first write fails.
import { closeSync, fstatSync, openSync } from 'node:fs';
import type { DiskFile } from '../devices/device.js';
import { blockDeviceBytes } from './block-device.js';
import { type DiskLock, DiskLockError, lockDisk } from './disk-lock.js';

export class DiskError extends Error {}

const SECTOR = 512;
const locks = new Map<number, DiskLock>();

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'EROFS': return 'on a read-only file system';
    default: return err.message;
  }
}

function openFd(path: string, readonly: boolean): number {
  try {
    return openSync(path, readonly ? 'r' : 'r+');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (readonly || (code !== 'EACCES' && code !== 'EROFS' && code !== 'EPERM')) throw new DiskError(`${path}: ${reason(e)}`);
    // Readable but not writable: say so, rather than "permission denied".
    try {
      closeSync(openSync(path, 'r'));
    } catch (e2) {
      throw new DiskError(`${path}: ${reason(e2)}`);
    }
    throw new DiskError(`${path}: not writable (use --readonly)`);
  }
}

export function openDisk(path: string, readonly: boolean): DiskFile {
  const fd = openFd(path, readonly);
  const fail = (why: string) => { closeSync(fd); return new DiskError(`${path}: ${why}`); };
  const st = fstatSync(fd);
  let bytes = st.size;
  if (st.isBlockDevice()) {
    const size = blockDeviceBytes(st.rdev);
    if (size === null) throw fail('a block device whose size this host does not report; use an image file');
    bytes = size;
  } else if (!st.isFile()) {
    throw fail('not a regular file');
  }
  if (bytes === 0) throw fail('the disk image is empty');
  if (bytes % SECTOR !== 0) throw fail(`the disk image size (${bytes} bytes) is not a multiple of ${SECTOR}`);
  try {
    locks.set(fd, lockDisk(path, st.dev, st.ino, !readonly));
  } catch (e) {
    closeSync(fd);
    throw e instanceof DiskLockError ? new DiskError(e.message) : e;
  }
  return { fd, path, readonly, bytes };
}

/** Closes the image and lets other emulators have it. */
export function closeDisk(disk: DiskFile): void {
  locks.get(disk.fd)?.release();
  locks.delete(disk.fd);
  closeSync(disk.fd);
}
