// `xv6-wasm mkfs out.img [files...]`: a file-system image whose root directory
// holds the files (named by their base names, a leading "_" stripped).
import { Command, InvalidArgumentError } from 'commander';
import { mkfs } from '../../fs/mkfs.js';
import { FsError } from '../../fs/image.js';
import { FSSIZE } from '../../fs/layout.js';

function blocks(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 64 || n > 0x7fffffff) throw new InvalidArgumentError('a whole number of blocks, at least 64');
  return n;
}

export function mkfsCommand(): Command {
  return new Command('mkfs')
    .description('build a file-system image holding the given files in its root directory')
    .argument('<image>', 'image file to write')
    .argument('[files...]', 'files to put in the root directory (a leading "_" is stripped from each name)')
    .option('--size <blocks>', 'image size in blocks', blocks, FSSIZE)
    .action((image: string, files: string[], opts: { size: number }) => {
      try {
        console.log(mkfs(image, files, opts.size));
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        console.error(`xv6-wasm mkfs: ${e.message}`);
        process.exitCode = 1;
      }
    });
}
