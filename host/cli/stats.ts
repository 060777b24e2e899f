// --stats: instructions retired, wall seconds and MIPS, per hart and in total.

export function formatStats(instret: number[], seconds: number): string {
  const line = (name: string, n: number) =>
    `${name.padEnd(7)} ${String(n).padStart(13)} instructions ${seconds.toFixed(3)} s ${(n / seconds / 1e6).toFixed(1).padStart(8)} MIPS\n`;
  const total = instret.reduce((a, b) => a + b, 0);
  return instret.map((n, h) => line(`hart ${h}`, n)).join('') + line('total', total);
}
