// Mutated disk images through `fsck` and `boot`: most in-process through
// what those commands run (fsck's checker; the image checks before boot),
// with errors mapped as the CLI maps them, and a sample through the real
// CLI, booting our kernel. XV6_LONG=1 runs ten times more.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { describeFailure } from '../../host/cli/user-errors.js';
import { checkImage } from '../../host/fs/fsck.js';
import { FsError } from '../../host/fs/image.js';
import { mkfs } from '../../host/fs/mkfs.js';
import { checkDiskFits } from '../../host/machine/disk-fits.js';
import { closeDisk, openDisk } from '../../host/machine/disk.js';
import { projectRoot } from '../../host/platform.js';
import { xv6 } from '../cli/cli.js';
import { bootOnce } from './boot-run.js';
import { mutateDisk } from './disk-mutations.js';
import { expectCliEnd, expectOneLineEnd } from './outcome.js';
import { fuzzSeed, Random } from './random.js';

const long = process.env.XV6_LONG === '1';
const IN_PROCESS = long ? 5000 : 500;
const THROUGH_CLI = long ? 300 : 30;
const ready = existsSync(join(projectRoot, 'build/kernel/kernel')) && existsSync(join(projectRoot, 'build/user/_sh'));

const dir = mkdtempSync(join(tmpdir(), 'xv6-fuzz-disk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small image that boots: init, the shell, a few tools, a text file. */
function baseImage(): Buffer {
  const note = join(dir, 'note');
  writeFileSync(note, 'a line to read\n'.repeat(100));
  const path = join(dir, 'base.img');
  mkfs(path, ['_init', '_sh', '_ls', '_cat', '_halt', '_echo'].map((p) => join(projectRoot, 'build/user', p)).concat(note), 2000);
  return readFileSync(path);
}

/** fsck as the CLI runs it, in-process: exit code and stderr line. */
function fsckInProcess(bytes: Buffer): { code: number; line: string } {
  try {
    checkImage(bytes);
    return { code: 0, line: '' };
  } catch (e) {
    return e instanceof FsError ? { code: 1, line: `xv6-wasm fsck: ${e.message}` } : describeFailure('img', e);
  }
}

/** What `boot` checks before the kernel runs, in-process. */
function bootChecksInProcess(path: string): { code: number; line: string } {
  try {
    const disk = openDisk(path, false);
    try { checkDiskFits(disk); } finally { closeDisk(disk); }
    return { code: 0, line: '' };
  } catch (e) {
    return describeFailure('kernel', e);
  }
}

describe.skipIf(!ready)('mutated disk images', () => {
  const base = ready ? baseImage() : Buffer.alloc(0);

  test(`${IN_PROCESS} through fsck's checker and boot's image checks in-process`, () => {
    const seed = fuzzSeed('disk in-process');
    const r = new Random(seed);
    const path = join(dir, 'case.img');
    let clean = 0;
    for (let i = 0; i < IN_PROCESS; i++) {
      const { bytes, what } = mutateDisk(base, r);
      const label = `seed ${seed} case ${i} (${what})`;
      const start = performance.now();
      const f = fsckInProcess(bytes);
      if (f.code !== 0) expectOneLineEnd(f.code, f.line, `fsck ${label}`);
      else clean++;
      expect(performance.now() - start, `fsck ${label}: took too long`).toBeLessThan(5000);
      writeFileSync(path, bytes);
      const b = bootChecksInProcess(path);
      if (b.code !== 0) expectOneLineEnd(b.code, b.line, `boot ${label}`);
    }
    console.log(`[fuzz] disk in-process: ${IN_PROCESS} cases, fsck read ${clean} of them without a fatal error`);
  });

  test(`${THROUGH_CLI} through \`xv6-wasm fsck\` and \`xv6-wasm boot\``, async () => {
    const seed = fuzzSeed('disk through fsck and boot');
    const r = new Random(seed);
    const outcomes: Record<string, number> = {};
    for (let i = 0; i < THROUGH_CLI; i++) {
      const { bytes, what } = mutateDisk(base, r);
      const label = `seed ${seed} case ${i} (${what})`;
      const path = join(dir, `case${i}.img`);
      writeFileSync(path, bytes);
      const f = await xv6(['fsck', path], { timeoutMs: 20_000 });
      // fsck lists problems on stdout, one a line, and exits 1: that is its answer, not an error.
      expectCliEnd({ ...f, stderr: f.code === 1 && f.stderr === '' ? 'xv6-wasm fsck: problems listed\n' : f.stderr }, `fsck ${label}`);
      const b = await bootOnce(path);
      expectCliEnd(b, `boot ${label}`);
      const kind = b.code === 0 ? 'clean' : /panic: ([a-z_]+)/.exec(b.stderr)?.[1] ?? 'refused';
      outcomes[kind] = (outcomes[kind] ?? 0) + 1;
      rmSync(path);
    }
    console.log(`[fuzz] disk boots: ${JSON.stringify(outcomes)}`);
  }, 900_000);
});
