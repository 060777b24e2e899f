// A pane's border title, e.g. `[1] web  running  pids 3/16  mem 1.2M/4.0M  cpu 47%`.
import type { PgroupInfo } from '../pgroups/table.js';
import { fit, formatBytes } from './units.js';

export function paneTitle(g: PgroupInfo, width: number): string {
  const state = g.state === 'frozen' ? 'FROZEN' : 'running';
  const pids = `pids ${g.pidsCurrent}${g.pidsMax === null ? '' : `/${g.pidsMax}`}`;
  const mem = `mem ${formatBytes(g.memCurrent)}${g.memMax === null ? '' : `/${formatBytes(g.memMax)}`}`;
  const cpu = `cpu ${Math.round(g.cpuPercent)}%`;
  const parts = [`[${g.id}] ${g.name}`, state, pids, mem, cpu];
  // A narrow pane gives up the double spaces first, then the word running
  // (FROZEN stays): the figures matter more.
  const forms = [` ${parts.join('  ')} `, ` ${parts.join(' ')} `, ` ${parts.filter((p) => p !== 'running').join(' ')} `];
  return fit(forms.find((f) => f.length <= width) ?? forms[forms.length - 1], width);
}

/** The root pane before (or without) a pgroup table: a kernel that publishes none. */
export function plainTitle(console: number, width: number): string {
  return fit(` [${console}] console `, width);
}
