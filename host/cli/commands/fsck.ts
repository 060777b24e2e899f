// `xv6-wasm fsck img`: checks an image as the kernel will see it at its next
// boot. Exit 0 with a one-line summary when clean; otherwise one problem per
// line and exit 1.
import { Command } from 'commander';
import { fsck, summary } from '../../fs/fsck.js';
import { FsError } from '../../fs/image.js';
import { describeFailure } from '../user-errors.js';

export function fsckCommand(): Command {
  return new Command('fsck')
    .description('check a file-system image: superblock, log, bitmap against used blocks, link counts, directories')
    .argument('<image>', 'image file to check (never modified; a committed log is installed in memory only)')
    .action((image: string) => {
      try {
        const r = fsck(image);
        if (r.problems.length === 0) {
          console.log(summary(image, r));
          return;
        }
        for (const p of r.problems) console.log(`${image}: ${p}`);
        process.exitCode = 1;
      } catch (e) {
        const failure = e instanceof FsError ? { code: 1, line: `xv6-wasm fsck: ${e.message}` } : describeFailure(image, e);
        console.error(failure.line);
        process.exitCode = failure.code;
      }
    });
}
