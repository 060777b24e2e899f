// `monitor` commands (qRcmd): what QEMU's monitor would tell a kernel
// student, read from the held machine. Each returns the text to print.
import type { MemoryViews } from '../machine/memory.js';
import { readPgroupTable } from '../pgroups/telemetry-reader.js';
import { formatBytes } from '../tui/units.js';
import { holdReason } from '../machine/pause.js';
import { hartsave } from '../platform.js';
import { coalesce, mappings, rootTable } from './mmu.js';
import { readMemory } from './memory.js';

export interface MonitorContext {
  views: MemoryViews;
  nharts: number;
  /** The hart GDB's current thread is. */
  hart: number;
  /** Whether m/M packets take physical addresses. */
  physical: boolean;
  setPhysical(on: boolean): void;
}

const HELP = `xv6-wasm monitor commands:
  info mem        the current hart's page table (from its satp): va range, pa, size, rwxu
  info pgroups    the kernel's pgroup table (as the telemetry device publishes it)
  info harts      every hart's pc, privilege and why it stopped
  xp ADDR [LEN]   LEN bytes (default 64) of guest physical memory at ADDR, in hex
  phys on|off     whether GDB's memory accesses (x, print *addr) take physical addresses
`;

const PRIV = ['U', 'S', '?', 'M'];
const hex = (x: bigint, digits = 16) => x.toString(16).padStart(digits, '0');

export function monitor(line: string, c: MonitorContext): string {
  const words = line.trim().split(/\s+/).filter(Boolean);
  const cmd = words.join(' ');
  if (cmd === '' || cmd === 'help') return HELP;
  if (cmd === 'info mem' || cmd === 'info tlb' || cmd === 'info pagetable') return infoMem(c);
  if (cmd === 'info pgroups') return infoPgroups(c.views);
  if (cmd === 'info harts') return infoHarts(c);
  if (words[0] === 'xp') return xp(words.slice(1), c.views);
  if (words[0] === 'phys' && (words[1] === 'on' || words[1] === 'off') && words.length === 2) {
    c.setPhysical(words[1] === 'on');
    return `memory accesses now take ${words[1] === 'on' ? 'physical' : 'virtual'} addresses\n`;
  }
  if (words[0] === 'phys' && words.length === 1) return `memory accesses take ${c.physical ? 'physical' : 'virtual'} addresses\n`;
  return `unknown monitor command '${cmd}'; try 'monitor help'\n`;
}

function infoMem(c: MonitorContext): string {
  const root = rootTable(c.views, c.hart);
  const satp = c.views.hartBigU64(c.hart, hartsave.HSV_SATP);
  if (root === null) return `hart ${c.hart}: no translation (satp 0x${satp.toString(16)}, ${PRIV[Number(c.views.hartBigU64(c.hart, hartsave.HSV_PRIV))]}-mode)\n`;
  const lines = [`hart ${c.hart}: satp 0x${satp.toString(16)}, Sv39 root at 0x${root.toString(16)}`,
    `${'vaddr'.padEnd(16)}  ${'vaddr end'.padEnd(16)}  ${'paddr'.padEnd(16)}  ${'size'.padStart(8)}  attr`];
  for (const m of coalesce(mappings(c.views, root))) {
    lines.push(`${hex(m.va)}  ${hex(m.va + m.size)}  ${hex(m.pa)}  ${formatBytes(Number(m.size)).padStart(8)}  ${m.perms}`);
  }
  return lines.join('\n') + '\n';
}

function infoPgroups(views: MemoryViews): string {
  const table = readPgroupTable(views);
  if (table === null) return 'the kernel has published no pgroup table (yet)\n';
  const limit = (x: number | null, f: (n: number) => string = String) => (x === null ? 'max' : f(x));
  const lines = [`free ${formatBytes(table.freePages * 4096)} of ${formatBytes(table.totalPages * 4096)}, ${table.nharts} harts`,
    'id  name              state    console  pids      mem (max)              cpu.weight  cpu.max        cpu%'];
  for (const g of table.groups) {
    lines.push([
      String(g.id).padEnd(3), g.name.padEnd(17), g.state.padEnd(8), `uart${g.console}`.padEnd(8),
      `${g.pidsCurrent}/${limit(g.pidsMax)}`.padEnd(9), `${formatBytes(g.memCurrent)} (${limit(g.memMax, formatBytes)})`.padEnd(22),
      String(g.cpuWeight).padEnd(11), (g.cpuQuotaUs === null ? 'max' : `${g.cpuQuotaUs}/${g.cpuPeriodUs}`).padEnd(14), `${g.cpuPercent}`,
    ].join(' '));
  }
  return lines.join('\n') + '\n';
}

const WHY = ['running', 'interrupted', 'stepped', 'breakpoint', 'watchpoint'];

function infoHarts(c: MonitorContext): string {
  const lines: string[] = [];
  for (let h = 0; h < c.nharts; h++) {
    const pc = c.views.hartBigU64(h, hartsave.HSV_PC);
    const priv = PRIV[Number(c.views.hartBigU64(h, hartsave.HSV_PRIV))] ?? '?';
    const why = WHY[holdReason(c.views.i32, h)] ?? '?';
    lines.push(`${h === c.hart ? '*' : ' '} hart ${h} (thread ${h + 1}): pc 0x${pc.toString(16)}, ${priv}-mode, ${why}`);
  }
  return lines.join('\n') + '\n';
}

function xp(args: string[], views: MemoryViews): string {
  const addr = parseNumber(args[0]);
  const len = args[1] === undefined ? 64n : parseNumber(args[1]);
  if (addr === null || len === null || len <= 0n || len > 4096n || args.length > 2) return 'usage: xp ADDR [LEN], LEN up to 4096\n';
  const bytes = readMemory(views, 0, true, addr, Number(len));
  if (bytes.length === 0) return `0x${addr.toString(16)}: not guest RAM\n`;
  const lines: string[] = [];
  for (let o = 0; o < bytes.length; o += 16) {
    const row = Array.from(bytes.subarray(o, o + 16), (b) => b.toString(16).padStart(2, '0')).join(' ');
    lines.push(`${hex(addr + BigInt(o))}: ${row}`);
  }
  if (bytes.length < len) lines.push(`(stopped after ${bytes.length} bytes: the rest is not guest RAM)`);
  return lines.join('\n') + '\n';
}

function parseNumber(s: string | undefined): bigint | null {
  if (s === undefined || !/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(s)) return null;
  return BigInt(s);
}
