// Runs a bare-metal program on a Machine inside the test's own process.
// Tests of what a program computes need no `xv6-wasm` process around it:
// starting Node for each one cost more than most programs run. Whatever is
// about the CLI (exit codes, stdin, signals, --trace) still spawns it.
import { readElfFile } from '../../host/machine/elf.js';
import { Machine } from '../../host/machine/machine.js';
import { StopReason } from '../../host/machine/power.js';
import { elfPath, expectPass, type Program, type Verdict } from './machines.js';

/** `xv6-wasm run ELF --cores N --max-insns M` without the process: code is
 *  the failed check (0 = pass) or null when the program gave no verdict;
 *  stdout is UART0; stderr the host's notes and how the machine stopped. */
export async function runInProcess(elf: string, opts: { cores?: number; maxInsns?: number } = {}): Promise<Verdict> {
  const notes: string[] = [];
  let stdout = '';
  const decoder = new TextDecoder();
  const machine: Machine = await Machine.create({
    cores: opts.cores ?? 1, ramBytes: 128 << 20, image: readElfFile(elf), disk: null,
    htif: true, maxInsns: opts.maxInsns ?? 500_000_000, trace: false,
    note: (line) => notes.push(line),
    onWake: () => { stdout += decoder.decode(machine.consoles[0].takeTx(), { stream: true }); },
  });
  const r = await machine.run();
  const reported = r.reason === StopReason.PowerOff || r.reason === StopReason.Htif;
  if (!reported) notes.push(`stopped without a verdict: reason ${r.reason}, code ${r.exitCode}`);
  return { code: reported ? r.exitCode : null, stdout, stderr: notes.join('\n'), timedOut: r.reason === StopReason.InsnLimit };
}

/** Throws, naming the failed check, unless the program passes here. */
export async function passesHere(p: Program): Promise<void> {
  expectPass(p.name, 'xv6-wasm', await runInProcess(elfPath(p.name), p));
}
