// `xv6-wasm mkfs out.img [files...]`: a file-system image whose root directory
// holds the files (named by their base names, a leading "_" stripped).
import { Command } from 'commander';
import { mkfs } from '../../fs/mkfs.js';
import { FsError } from '../../fs/image.js';
import { FSSIZE, MAX_FS_BLOCKS, MIN_FS_BLOCKS } from '../../fs/layout.js';

/** --size, checked in the action so the message is ours and names the range. */
function blocks(value: string): number {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < MIN_FS_BLOCKS || n > MAX_FS_BLOCKS) {
    throw new FsError(`--size must be a whole number of blocks from ${MIN_FS_BLOCKS} to ${MAX_FS_BLOCKS} (2 GiB), not '${value}'`);
  }
  return n;
}

export function mkfsCommand(): Command {
  return new Command('mkfs')
    .description('build a file-system image holding the given files in its root directory, with console and /dev/console1..7')
    .argument('<image>', 'image file to write')
    .argument('[files...]', 'files to put in the root directory (a leading "_" is stripped from each name)')
    .option('--size <blocks>', `image size in 1 KiB blocks, ${MIN_FS_BLOCKS} to ${MAX_FS_BLOCKS}`, String(FSSIZE))
    .action((image: string, files: string[], opts: { size: string }) => {
      try {
        console.log(mkfs(image, files, blocks(opts.size)));
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        console.error(`xv6-wasm mkfs: ${e.message}`);
        process.exitCode = 1;
      }
    });
}
