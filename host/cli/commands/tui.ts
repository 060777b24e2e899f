// `xv6-wasm tui`: what `boot` boots, shown as one terminal pane per pgroup
// with live figures (host/tui/). Same options as `boot`.
import { Command } from 'commander';
import { kernelCommand } from '../kernel-options.js';

export function tuiCommand(): Command {
  return kernelCommand('tui', 'boot a kernel with one terminal pane per pgroup, live gauges and a status bar (Ctrl-A h for help)',
    // Loaded on use: blessed and xterm take longer to load than the rest of
    // the CLI, and every other command would pay for them at start.
    async (run) => (await import('../../tui/run-tui.js')).runTui(run));
}
