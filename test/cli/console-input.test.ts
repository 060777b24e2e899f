// Scripts drive the console through pipes, so every byte counts: piped input
// reaches our kernel's shell from the first byte, however much of it comes at
// once, and a standard output that fails is one line and a failure status.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, openSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { fsImage } from '../system/session.js';
import { kernelPath } from '../system/fs-guest.js';
import { root, xv6 } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'xv6-wasm-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let copies = 0;
/** `boot` on a fresh copy of the file-system image. */
function bootArgs(cores = 1): string[] {
  const disk = join(dir, `fs${copies++}.img`);
  copyFileSync(fsImage, disk);
  return ['boot', '--kernel', kernelPath, '--disk', disk, '--cores', String(cores)];
}

const built = existsSync(fsImage) && existsSync(kernelPath);

describe.skipIf(!built)('piped input to the shell', () => {
  test('arrives from the first byte', async () => {
    const r = await xv6(bootArgs(), { input: 'echo one\nhalt\n' });
    expect(r.stdout).toMatch(/(\$ |\n)one\n/);
    expect(r.stdout).not.toContain('exec cho');
    expect(r.code).toBe(0);
  });

  test('a paste far bigger than the line buffer reaches wc whole, lines in order to cat', async () => {
    const lines = Array.from({ length: 800 }, (_, i) => `${String(i).padStart(5, '0')} the quick brown fox jumps\n`);
    const paste = lines.join('');
    // The results are printed by the last line, when no input is left to
    // echo in between.
    const input = `wc > c\n${paste}\x04cat > f\n${paste}\x04cat c; cat f; echo end; halt\n`;
    const r = await xv6(bootArgs(2), { input, timeoutMs: 120_000 });
    expect(r.stdout).toContain(`${lines.length} ${lines.length * 6} ${paste.length} \n${paste}end\n`);
    expect(r.code).toBe(0);
  });

  test('a line longer than the kernel\'s line buffer reaches its reader whole, in pieces', async () => {
    const line = Array.from({ length: 10_000 }, (_, i) => String.fromCharCode(0x61 + (i % 26))).join('');
    const r = await xv6(bootArgs(), { input: `wc > c\n${line}\n\x04cat > f\n${line}\n\x04cat c; cat f; echo end; halt\n`, timeoutMs: 120_000 });
    expect(r.stdout).toContain(`1 1 ${line.length + 1} \n${line}\nend\n`);
    expect(r.code).toBe(0);
  });

  test('a pasted script of hundreds of lines runs line by line, each command whole', async () => {
    const n = 400;
    const script = Array.from({ length: n }, (_, i) => `echo line${String(i).padStart(4, '0')} >> s\n`).join('');
    const r = await xv6(bootArgs(), { input: `${script}cat s; echo end; halt\n`, timeoutMs: 120_000 });
    const want = Array.from({ length: n }, (_, i) => `line${String(i).padStart(4, '0')}\n`).join('');
    expect(r.stdout).toContain(`${want}end\n`);
    expect(r.stdout).not.toMatch(/exec .* failed|syntax error/);
    expect(r.code).toBe(0);
  });
});

describe.skipIf(!built || !existsSync('/dev/full'))('standard output that fails', () => {
  test('is one line on stderr and a failure status, not a stack trace', async () => {
    const out = openSync('/dev/full', 'w');
    const child = spawn(process.execPath, [join(root, 'bin/xv6-wasm.js'), ...bootArgs()], { cwd: root, stdio: ['pipe', out, 'pipe'] });
    closeSync(out);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end('halt\n');
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    expect(stderr).toBe('xv6-wasm: cannot write to standard output: no space left on device\n');
    expect(code).toBe(1);
  });
});
