// `xv6-wasm boot`: the project's kernel (or --kernel, maybe behind --bios
// firmware) with its disk image on the terminal, until the guest powers off
// or the user types Ctrl-A x.
import { Command } from 'commander';
import { kernelCommand } from '../kernel-options.js';
import { launch } from '../launch.js';

export function bootCommand(): Command {
  return kernelCommand('boot', 'boot a kernel with UART0 on this terminal (Ctrl-A x quits, Ctrl-A h for help)',
    (run) => launch({ ...run, htif: false, maxInsns: 0, trace: false }), { bios: true, gdb: true });
}
