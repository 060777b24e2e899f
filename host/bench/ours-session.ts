// Our emulator as a benchmark side: the machine runs in this process, so
// the harts' instruction counters can be read exactly between commands.
import { SerialLink } from '../console/serial-link.js';
import { closeDisk, openDisk } from '../machine/disk.js';
import type { DiskFile } from '../devices/device.js';
import { readElfFile } from '../machine/elf.js';
import { Machine } from '../machine/machine.js';
import { StopReason } from '../machine/power.js';
import { hart } from '../platform.js';
import { ConsoleLog } from './console-log.js';
import { AttachedGdb } from './gdb-attached.js';
import type { GuestSession, SessionConfig } from './guest-session.js';

export class OursSession implements GuestSession {
  readonly side = 'ours' as const;
  readonly log = new ConsoleLog();
  private link: SerialLink | null = null;
  private machine: Machine | null = null;
  private disk: DiskFile | null = null;
  private gdb: AttachedGdb | null = null;
  private finished: Promise<unknown> = Promise.resolve();
  private readonly decoder = new TextDecoder();

  private constructor(readonly startedAt: number, private readonly cores: number) {}

  static async start(cfg: SessionConfig): Promise<OursSession> {
    const session = new OursSession(performance.now(), cfg.cores);
    const disk = openDisk(cfg.disk, false);
    session.disk = disk;
    const machine = await Machine.create({
      cores: cfg.cores, ramBytes: cfg.ramBytes, image: readElfFile(cfg.kernel), disk,
      htif: false, maxInsns: 0, trace: false,
      note: (line) => session.log.append(`\n[xv6-wasm: ${line}]\n`),
      onWake: () => {
        session.link?.pump();
        session.gdb?.poll();
      },
    });
    session.machine = machine;
    session.link = new SerialLink(machine.consoles[0], (bytes) => session.log.append(session.decoder.decode(bytes, { stream: true })));
    session.finished = machine.run().then(
      (r) => session.log.close(`the guest stopped (reason ${r.reason}, code ${r.exitCode})`),
      (e: Error) => session.log.close(`the machine failed: ${e.message}`));
    if (cfg.gdb) session.gdb = await AttachedGdb.attach(machine, cfg.cores, (line) => session.log.append(`\n[xv6-wasm: ${line}]\n`));
    return session;
  }

  type(text: string): void {
    this.link?.send(new TextEncoder().encode(text));
  }

  instret(): number {
    let sum = 0;
    for (let h = 0; h < this.cores; h++) sum += this.machine!.views.hartU64(h, hart.HS_INSTRET);
    return sum;
  }

  async close(): Promise<void> {
    this.gdb?.close();
    this.machine?.stop(StopReason.HostDone, 0);
    await this.finished;
    if (this.disk) closeDisk(this.disk);
    this.disk = null;
  }
}
