// Machines for the snapshot tests: `boot` on a scratch copy of the disk
// with a snapshot file in the same scratch directory, and `boot --restore`
// of such a file, both driven through the console as fs-guest.ts does.
import { join } from 'node:path';
import { projectRoot } from '../../host/platform.js';
import { Guest, kernelPath, type Target } from '../system/fs-guest.js';
import { fsImage } from '../system/session.js';

const bin = join(projectRoot, 'bin/xv6-wasm.js');

export const saved = /snapshot saved to (\S+) \((\d+(?:\.\d+)?) (MiB|KiB); the guest stood still (\d+) ms, (\d+) of them copying; writing took (\d+) ms\)/;

/** Boots a copy of the image at `dir/fs.img`; Ctrl-A s saves `dir/fs.img.snap`. */
export function bootCopy(dir: string, cores: number, extra: string[] = []): Guest {
  const target: Target = {
    name: 'emulator', available: true,
    argv: (disk, n) => [process.execPath, bin, 'boot', '--kernel', kernelPath, '--disk', disk, '--cores', String(n), ...extra],
  };
  return Guest.withCopy(target, fsImage, join(dir, 'fs.img'), cores);
}

/** `boot --restore FILE ...extra`. */
export function restore(file: string, extra: string[] = []): Guest {
  const target: Target = { name: 'emulator', available: true, argv: () => [process.execPath, bin, 'boot', '--restore', file, ...extra] };
  return new Guest(target, file);
}

/** Ctrl-A s, and the report once the file is written: its size in bytes (about) and the times. */
export async function snapshot(g: Guest, ms = 60_000): Promise<{ path: string; bytes: number; heldMs: number; copyMs: number; writeMs: number }> {
  const from = g.output.length;
  g.write('\x01s');
  const m = await g.waitFor(saved, ms, from);
  const bytes = Number(m[2]) * (m[3] === 'MiB' ? 2 ** 20 : 1024);
  return { path: m[1], bytes, heldMs: Number(m[4]), copyMs: Number(m[5]), writeMs: Number(m[6]) };
}

export async function stop(g: Guest): Promise<void> {
  g.kill();
  await g.exited;
}
