// Boots our kernel from a disk image through the real CLI, as a user would:
// types a command and `halt`, then Ctrl-A x in case the guest cannot halt
// (its shell or halt damaged), and kills the emulator only past `limitMs`,
// which counts as a hang.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../host/platform.js';
import type { CliResult } from '../cli/cli.js';

const bin = join(projectRoot, 'bin/xv6-wasm.js');
const QUIT_AFTER_MS = 6000;

export function bootOnce(disk: string, limitMs = 30_000): Promise<CliResult & { console: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'boot', '--disk', disk], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.on('error', () => {});
    child.stdin.write('ls\nhalt\n');
    const quit = setTimeout(() => child.stdin.write('\x01x'), QUIT_AFTER_MS);
    const kill = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(quit);
      clearTimeout(kill);
      // Ctrl-A x is the user's way out of a guest that runs on: a clean end.
      const quitLine = 'xv6-wasm: terminated by Ctrl-A x\n';
      resolve({ code, signal, stdout: '', stderr: stderr === quitLine && code === 0 ? '' : stderr, console: stdout });
    });
  });
}
