// --stats: instructions retired, wall seconds and MIPS, per hart and in
// total; then, per hart, what its core had to redo (page-table walks,
// translation contexts, code pages decoded and why).
import type { CoreCounters } from '../machine/core-counters.js';

export function formatStats(instret: number[], seconds: number, counters: CoreCounters[] = []): string {
  const line = (name: string, n: number) =>
    `${name.padEnd(7)} ${String(n).padStart(13)} instructions ${seconds.toFixed(3)} s ${(n / seconds / 1e6).toFixed(1).padStart(8)} MIPS\n`;
  const total = instret.reduce((a, b) => a + b, 0);
  const work = (c: CoreCounters, h: number) =>
    `hart ${h}: ${c.walks} page walks, ${c.contexts} TLB contexts, ${c.decodedPages} pages decoded `
    + `(${c.decodeEvictions} conflict evictions, ${c.decodeRewrites} rewritten)\n`;
  return instret.map((n, h) => line(`hart ${h}`, n)).join('') + line('total', total) + counters.map(work).join('');
}
