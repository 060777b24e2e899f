// The `xv6-wasm` program: one registration per command; each command lives
// in its own file under commands/.
import { Command } from 'commander';
import { benchCommand } from './commands/bench.js';
import { bootCommand } from './commands/boot.js';
import { fsckCommand } from './commands/fsck.js';
import { mkfsCommand } from './commands/mkfs.js';
import { runCommand } from './commands/run.js';

// Commander's own errors (unknown option, missing argument) as one line in
// our voice, on every command.
function ourErrorStyle(cmd: Command): void {
  cmd.configureOutput({ outputError: (text, write) => write(`xv6-wasm: ${text.replace(/^error: /, '')}`) });
  cmd.showSuggestionAfterError(true);
  for (const sub of cmd.commands) ourErrorStyle(sub);
}

export async function main(argv: string[]): Promise<void> {
  const program = new Command('xv6-wasm')
    .description('a RISC-V computer (RV64IMAC, 1 to 8 harts) in WebAssembly that boots an xv6-style kernel')
    .addCommand(bootCommand())
    .addCommand(runCommand())
    .addCommand(benchCommand())
    .addCommand(mkfsCommand())
    .addCommand(fsckCommand());
  ourErrorStyle(program);
  await program.parseAsync(argv);
}
