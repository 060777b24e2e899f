
// --stats: instructions retired, wall seconds and MIPS, per hart and in
// total; then, per hart, what its core had to redo (page-table walks,
// translation contexts, code pages decoded and why), and what the JIT did.
import type { CoreCounters } from '../machine/core-counters.js';
import type { JitSummary } from '../machine/machine.js';

export function formatStats(instret: number[], seconds: number, counters: CoreCounters[] = []): string {
  const line = (name: string, n: number) =>
    `${name.padEnd(7)} ${String(n).padStart(13)} instructions ${seconds.toFixed(3)} s ${(n / seconds / 1e6).toFixed(1).padStart(8)} MIPS\n`;
  const total = instret.reduce((a, b) => a + b, 0);
  const work = (c: CoreCounters, h: number) =>
    `hart ${h}: ${c.walks} page walks, ${c.contexts} TLB contexts, ${c.decodedPages} pages decoded `
    + `(${c.decodeEvictions} conflict evictions, ${c.decodeRewrites} rewritten)\n`
    + (c.jitCalls + c.jitBuilds > 0 ? jitWork(c, h) : '');
  return instret.map((n, h) => line(`hart ${h}`, n)).join('') + line('total', total) + counters.map(work).join('');
}

/** Per hart, how compiled code was entered and left, and how often pages
 *  were translated. */
function jitWork(c: CoreCounters, h: number): string {
  const jumps = c.jitCalls - c.jitExitMem - c.jitExitInterp - c.jitExitStop;
  return `hart ${h}: ${c.jitCalls} calls into compiled code, left by ${jumps} jumps, ${c.jitExitMem} TLB misses, `
    + `${c.jitExitInterp} instructions for the interpreter (${c.jitExitCsr} CSR accesses, ${c.jitExitAtomic} atomics, `
    + `${c.jitExitTrap} traps or xRETs), ${c.jitExitStop} stops at back edges; `
    + `${c.jitBuilds} translations, ${c.jitMisses} block starts missing, ${c.jitDemoted} entries given back\n`;
}

/** --stats with a JIT: how much ran compiled, and what compiling cost. */
export function formatJitStats(jit: JitSummary, instret: number[]): string {
  if (jit.mode === 'off') return '';
  const total = instret.reduce((a, b) => a + b, 0);
  const share = total > 0 ? (100 * jit.retired / total).toFixed(1) : '0.0';
  return `jit ${jit.mode}: ${share}% of instructions compiled; ${jit.compiled} modules compiled (${(jit.bytes / 1024).toFixed(0)} KiB) `
    + `in ${jit.compileMs.toFixed(0)} ms, ${jit.shared} shared from other harts; ${jit.reused} translations found compiled, `
    + `${jit.adopted} pages took another hart's function\n`;
}
