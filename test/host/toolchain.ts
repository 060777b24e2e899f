// Which optional host tools the tests can use.
import { spawnSync } from 'node:child_process';

export function haveCrossCompiler(): boolean {
  return spawnSync('riscv64-unknown-elf-gcc', ['--version']).status === 0;
}
