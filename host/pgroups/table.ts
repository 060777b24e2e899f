// The pgroup table as the host sees it: what the kernel publishes through
// the telemetry device (platform.json, section telemetry), parsed. The TUI
// and the tests read it; nothing here parses console text.

export type PgroupState = 'running' | 'frozen';

/** One live pgroup (a slot whose state is not PG_FREE). */
export interface PgroupInfo {
  id: number;
  name: string;
  state: PgroupState;
  /** UART unit of the group's console. */
  console: number;
  pidsCurrent: number;
  /** null: no limit ("max"). */
  pidsMax: number | null;
  cpuWeight: number;
  /** Percent of one hart over the kernel's last whole second. */
  cpuPercent: number;
  memCurrent: number;
  memPeak: number;
  /** Bytes; null: no limit. */
  memMax: number | null;
  memEventsMax: number;
  cpuUsageUsec: number;
  /** null: no cap. */
  cpuQuotaUs: number | null;
  cpuPeriodUs: number;
  cpuNrThrottled: number;
  pidsEventsMax: number;
}

export interface PgroupTable {
  /** The guest's time CSR (TIMEBASE_HZ ticks) when the table was published. */
  time: number;
  freePages: number;
  totalPages: number;
  nharts: number;
  /** Live groups by ascending id; group 0 (root) is always there. */
  groups: PgroupInfo[];
}
