// The `xv6-wasm` program: one registration per command; each command lives
// in its own file under commands/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { projectRoot } from '../platform.js';
import { benchCommand } from './commands/bench.js';
import { bootCommand } from './commands/boot.js';
import { fsckCommand } from './commands/fsck.js';
import { mkfsCommand } from './commands/mkfs.js';
import { runCommand } from './commands/run.js';
import { tuiCommand } from './commands/tui.js';

// Commander's own errors (unknown option, missing argument) as one line in
// our voice, on every command.
function ourErrorStyle(cmd: Command): void {
  cmd.configureOutput({ outputError: (text, write) => write(`xv6-wasm: ${text.replace(/^error: /, '')}`) });
  cmd.showSuggestionAfterError(true);
  for (const sub of cmd.commands) ourErrorStyle(sub);
}

/** `xv6-wasm start` (what `npm start` runs): the TUI on a terminal, the plain console for pipes. */
function resolveStart(argv: string[]): string[] {
  if (argv[2] !== 'start') return argv;
  const tty = process.stdout.isTTY && process.stdin.isTTY;
  return [...argv.slice(0, 2), tty ? 'tui' : 'boot', ...argv.slice(3)];
}

/** The package's version, from package.json (the one place it is written). */
function version(): string {
  return (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

export async function main(argv: string[]): Promise<void> {
  const program = new Command('xv6-wasm')
    .description('a RISC-V computer (RV64IMAC, 1 to 8 harts) in WebAssembly that boots an xv6-style kernel')
    .version(version(), '-V, --version', 'print the version and exit')
    .addCommand(bootCommand())
    .addCommand(tuiCommand())
    .addCommand(runCommand())
    .addCommand(benchCommand())
    .addCommand(mkfsCommand())
    .addCommand(fsckCommand());
  ourErrorStyle(program);
  await program.parseAsync(resolveStart(argv));
}
