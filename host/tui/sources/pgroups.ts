// The live pgroups, as the panes need them: the kernel's table read under
// its sequence counter (host/pgroups/telemetry-reader.ts), polled often
// enough that a new group's pane appears within a second, and each group's
// CPU share kept for a minute for its sparkline. A kernel that publishes no
// table (QEMU's, an old one) gets the root console alone.
import type { PgroupInfo, PgroupTable } from '../../pgroups/table.js';
import { History } from '../sparkline.js';

export type TableReader = () => PgroupTable | null;

/** What a pane shows: a group, or (no table) the bare console. */
export interface PaneSource {
  console: number;
  group: PgroupInfo | null;
  cpu: History;
}

export class PgroupWatch {
  private table: PgroupTable | null = null;
  private readonly cpu = new Map<string, History>();

  constructor(private readonly read: TableReader) {}

  /** Reads the table again; true when the set of panes or a title changed. */
  poll(): boolean {
    const before = this.signature();
    this.table = this.read();
    const live = new Set(this.panes().map((p) => key(p.console, p.group)));
    for (const k of this.cpu.keys()) if (!live.has(k)) this.cpu.delete(k);
    return this.signature() !== before;
  }

  /** One CPU sample per live group; call once a second. */
  sampleCpu(): void {
    for (const p of this.panes()) p.cpu.push(p.group?.cpuPercent ?? 0);
  }

  panes(): PaneSource[] {
    const groups = this.table?.groups ?? [];
    const list = groups.length > 0 ? groups.map((g) => ({ console: g.console, group: g })) : [{ console: 0, group: null }];
    return list.map((p) => ({ ...p, cpu: this.history(key(p.console, p.group)) }));
  }

  /** Bytes of guest RAM, for the gauge of a group without memory.max. */
  ramBytes(): number | null {
    return this.table ? this.table.totalPages * 4096 : null;
  }

  nharts(): number {
    return this.table?.nharts ?? 1;
  }

  private history(k: string): History {
    let h = this.cpu.get(k);
    if (!h) this.cpu.set(k, (h = new History()));
    return h;
  }

  private signature(): string {
    return JSON.stringify(this.table?.groups ?? null);
  }
}

// A group removed and another created on the same console start a new history.
const key = (console: number, g: PgroupInfo | null) => `${console}:${g?.id ?? '-'}:${g?.name ?? ''}`;
