// Boots our kernel from a disk image through the real CLI, as a user would:
// types a command and `halt`, then Ctrl-A x in case the guest cannot halt
// (its shell or halt damaged), and kills the emulator only past `limitMs`,
// which counts as a hang.
import { xv6, type CliResult } from '../cli/cli.js';

const QUIT_AFTER_MS = 6000;
// Ctrl-A x is the user's way out of a guest that runs on: a clean end.
const QUIT_LINE = 'xv6-wasm: terminated by Ctrl-A x\n';

export async function bootOnce(disk: string, limitMs = 30_000): Promise<CliResult & { console: string }> {
  let quit: NodeJS.Timeout | undefined;
  const r = await xv6(['boot', '--disk', disk], {
    input: 'ls\nhalt\n', keepStdinOpen: true, timeoutMs: limitMs,
    onSpawn: (child) => { quit = setTimeout(() => child.stdin?.write('\x01x'), QUIT_AFTER_MS); },
  });
  clearTimeout(quit);
  const stderr = r.stderr === QUIT_LINE && r.code === 0 ? '' : r.stderr;
  return { code: r.code, signal: r.signal, stdout: '', stderr, console: r.stdout };
}
