// Pgroup tables made up for the TUI's unit tests, in the shape the
// telemetry reader returns.
import type { PgroupInfo, PgroupTable } from '../../host/pgroups/table.js';

export const group = (over: Partial<PgroupInfo> = {}): PgroupInfo => ({
  id: 1, name: 'web', state: 'running', console: 1, pidsCurrent: 3, pidsMax: 16, cpuWeight: 100, cpuPercent: 47,
  memCurrent: 1.2 * 1024 * 1024, memPeak: 2 * 1024 * 1024, memMax: 4 * 1024 * 1024, memEventsMax: 0,
  cpuUsageUsec: 0, cpuQuotaUs: null, cpuPeriodUs: 100000, cpuNrThrottled: 0, pidsEventsMax: 0, ...over,
});

export const root = (over: Partial<PgroupInfo> = {}): PgroupInfo =>
  group({ id: 0, name: 'root', console: 0, pidsMax: null, memMax: null, cpuPercent: 0, ...over });

export const table = (groups: PgroupInfo[]): PgroupTable => ({ time: 0, freePages: 1000, totalPages: 32768, nharts: 2, groups });
