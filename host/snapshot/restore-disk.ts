// The disk a restored machine runs on holds what the snapshot saved, so
// guest RAM (its buffer cache, its log) never meets a disk that moved on:
//
// - A writable disk is put back into an image file, by default the one the
//   snapshot was taken from (QEMU's loadvm reverts a disk the same way). The
//   image is locked first (disk-lock.ts): one another emulator uses is
//   refused, never overwritten. A missing image is created.
// - A read-only disk is never written: it comes back as a private copy in
//   the temporary directory, attached read-only, removed at exit.
//
// The snapshot file itself is only ever read, so it can be restored again.
import { existsSync, fstatSync, ftruncateSync, mkdtempSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DiskFile } from '../devices/device.js';
import { closeDisk, DiskError, openDisk } from '../machine/disk.js';
import type { SavedDisk } from './format.js';

/** Puts `bytes` (the saved image) back; `target` is --disk when the user gave one. */
export function restoreDisk(saved: SavedDisk, bytes: Uint8Array, target?: string): DiskFile {
  if (saved.readonly) return privateCopy(bytes);
  const path = target ?? saved.path;
  if (!existsSync(path)) {
    try {
      writeFileSync(path, bytes, { flag: 'wx' });
    } catch (e) {
      throw new DiskError(`${path}: cannot create it for the restored disk (${(e as Error).message})`);
    }
    return openDisk(path, false);
  }
  const disk = openDisk(path, false);
  try {
    if (disk.bytes !== bytes.length) {
      if (!fstatSync(disk.fd).isFile()) throw new DiskError(`${path}: ${disk.bytes} bytes, but the snapshot's disk has ${bytes.length}`);
      ftruncateSync(disk.fd, bytes.length);
      disk.bytes = bytes.length;
    }
    for (let at = 0; at < bytes.length;) at += writeSync(disk.fd, bytes, at, bytes.length - at, at);
  } catch (e) {
    closeDisk(disk);
    throw e;
  }
  return disk;
}

function privateCopy(bytes: Uint8Array): DiskFile {
  const dir = mkdtempSync(join(tmpdir(), 'xv6-wasm-restore-'));
  const path = join(dir, 'disk.img');
  writeFileSync(path, bytes, { mode: 0o444 });
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return openDisk(path, true);
}
