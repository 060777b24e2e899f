// Bare-metal programs that drive the machine's devices: the UART's receive
// interrupt through the PLIC, and virtio-blk against a real disk file,
// including a SIGKILL right after the guest was told its write is done.
// The same checks run on our emulator (test/riscv) and on QEMU (test/qemu);
// each machine is a process here, since the checks type into it and kill it.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { expectPass, fillPattern, patternDisk, type RunOptions, type RunResult } from './machines.js';

type Runner = (name: string, opts?: RunOptions) => Promise<RunResult>;

export function describeDeviceChecks(where: string, run: Runner): void {
  let disposers: (() => void)[] = [];
  afterEach(() => {
    for (const d of disposers) d();
    disposers = [];
  });
  function disk() {
    const d = patternDisk();
    disposers.push(d.dispose);
    return d.file;
  }

  describe(`devices on ${where}`, () => {
    it('plic_uart: a byte typed on the console arrives through the PLIC', async () => {
      // Type only once the program says it listens: QEMU drops earlier input.
      let typed = false;
      const r = await run('plic_uart', {
        onStdout: (out, child) => {
          if (!typed && out.includes('ready')) {
            typed = true;
            child.stdin?.write('Z');
          }
        },
      });
      expectPass('plic_uart', where, r);
      expect(r.stdout).toContain('got it');
    });

    it('virtio_blk: reads the disk file, writes a sector into it', async () => {
      const file = disk();
      const before = readFileSync(file);
      expectPass('virtio_blk', where, await run('virtio_blk', { disk: file }));
      const after = readFileSync(file);
      expect(after.subarray(1024, 1536).equals(fillPattern(0x41))).toBe(true);
      // Nothing else changed.
      expect(after.subarray(0, 1024).equals(before.subarray(0, 1024))).toBe(true);
      expect(after.subarray(1536).equals(before.subarray(1536))).toBe(true);
    });

    it('virtio_kill: a completed write is in the file after SIGKILL', async () => {
      const file = disk();
      const r = await run('virtio_kill', {
        disk: file,
        onStdout: (out, child) => {
          if (out.includes('written')) child.kill('SIGKILL');
        },
      });
      expect(r.signal, `stdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe('SIGKILL');
      expect(r.stdout).toContain('written');
      expect(readFileSync(file).subarray(1536, 2048).equals(fillPattern(0x5a))).toBe(true);
    });
  });
}
