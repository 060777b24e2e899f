// One GDB client's conversation with the machine: each packet's meaning
// (the command dispatcher) over the all-stop hold of host/machine/pause.ts.
// GDB thread N is hart N-1. While GDB believes the target runs, the harts
// run; a hart that reaches a breakpoint or writes a watched range holds
// them all and is reported as the stopped thread.
import type { HartHold } from '../machine/pause.js';
import { DebugCmd, holdReason, holdRequested, HoldWhy, setHoldReason } from '../machine/pause.js';
import { stopRequested } from '../machine/power.js';
import type { MemoryViews } from '../machine/memory.js';
import { debug, hartsave } from '../platform.js';
import { DebugTables } from './breakpoints.js';
import { readMemory, writeMemory } from './memory.js';
import { monitor } from './monitor.js';
import { fromHex, MAX_PACKET, textToHex, toHex } from './packet.js';
import { G_REGISTERS, parseRegHex, register, regHex, targetXml } from './registers.js';

/** What a session drives: the machine, seen through its hold. */
export interface DebugTarget {
  views: MemoryViews;
  harts: HartHold;
  nharts: number;
  /** GDB's `kill`: the emulator stops, as QEMU exits. */
  kill(): void;
}

const SIGINT = '02';
const SIGTRAP = '05';
const PRIV = ['U', 'S', '?', 'M'];
const tid = (h: number) => (h + 1).toString(16);
const hexNum = (s: string): bigint | null => (/^[0-9a-fA-F]{1,16}$/.test(s) ? BigInt('0x' + s) : null);

export class GdbSession {
  /** GDB was told the target runs, and waits for a stop reply. */
  private running = false;
  /** The hart of GDB's current thread (Hg): registers and memory are its. */
  private current = 0;
  private lastStop = `T${SIGTRAP}thread:1;`;
  private physical = false;
  private swbreak = false;
  private releasing: Promise<void> = Promise.resolve();
  private stopping: Promise<void> | null = null;
  /** One hart runs alone (continueOne): the hold stays. */
  private alone = false;
  /** This session holds the harts (a snapshot may hold them too). */
  private holding = false;
  private readonly tables: DebugTables;
  private readonly xml = targetXml();

  constructor(private readonly t: DebugTarget, private readonly send: (body: string) => void) {
    this.tables = new DebugTables(t.views);
  }

  /** A client came: GDB expects a stopped target. */
  async attach(): Promise<void> {
    await this.hold();
  }

  /** This session's hold, one of possibly several (a snapshot's). */
  private async hold(): Promise<boolean> {
    this.holding = true;
    return this.t.harts.hold();
  }

  private release(): Promise<void> {
    this.holding = false;
    return this.t.harts.release();
  }

  /** The client left (detach, or the connection ended): nothing stays set
   *  and the machine runs on. */
  async detach(): Promise<void> {
    this.running = false;
    await this.releasing;
    if (this.stopping) await this.stopping;
    // The tables change only while every hart holds, even now.
    const i32 = this.t.views.i32;
    if (!this.holding && (!this.tables.empty || holdRequested(i32))) await this.hold();
    this.tables.clear();
    if (this.holding) await this.release();
  }

  /** Ctrl-C from the client. */
  async interrupt(): Promise<void> {
    if (this.running) await this.stop();
  }

  /** Called whenever the machine's event word fires: a hart may have asked
   *  for the hold (a breakpoint or watchpoint). */
  poll(): void {
    if (this.running && !this.alone && !this.stopping && holdRequested(this.t.views.i32)) void this.stop();
  }

  /** The machine powered off while GDB waited for a stop. */
  exited(code: number): void {
    if (!this.running) return;
    this.running = false;
    this.send(`W${(code & 0xff).toString(16).padStart(2, '0')}`);
  }

  private stop(): Promise<void> {
    if (!this.stopping) {
      this.stopping = (async () => {
        await this.releasing;
        if (!this.running) return;
        const held = await this.hold();
        if (!this.running || !held) return;
        this.running = false;
        this.send(this.stopReply());
      })().finally(() => { this.stopping = null; });
    }
    return this.stopping;
  }

  /** The hart a stop is about: the first that hit something, else the current one. */
  private stopReply(): string {
    const i32 = this.t.views.i32;
    for (let h = 0; h < this.t.nharts; h++) {
      const why = holdReason(i32, h);
      if (why === HoldWhy.Breakpoint) {
        this.current = h;
        return this.breakReply(h);
      }
      if (why === HoldWhy.Watchpoint) {
        this.current = h;
        return this.watchReply(h);
      }
    }
    // Ctrl-C, or a hold that was not GDB's (a snapshot): an interruption.
    return (this.lastStop = `T${SIGINT}thread:${tid(this.current)};`);
  }

  /** Answers one packet (sending nothing for 'k', which has no reply). */
  async handle(body: string): Promise<void> {
    const reply = await this.dispatch(body);
    if (reply !== null) this.send(reply);
  }

  private async dispatch(p: string): Promise<string | null> {
    if (this.running) return 'E10';
    switch (p[0]) {
      case '?': return this.lastStop;
      case 'g': return G_REGISTERS.map((r) => regHex(r.get(this.t.views, this.current))).join('');
      case 'G': return this.writeAllRegisters(p.slice(1));
      case 'p': return this.readRegister(p.slice(1));
      case 'P': return this.writeRegister(p.slice(1));
      case 'm': return this.readMem(p.slice(1));
      case 'M': return this.writeMem(p.slice(1), false);
      case 'X': return this.writeMem(p.slice(1), true);
      case 'Z': case 'z': return this.point(p);
      case 'H': return this.setThread(p.slice(2));
      case 'T': return this.hart(p.slice(1)) === null ? 'E22' : 'OK';
      case 'c': case 'C': return this.resume(p);
      case 's': case 'S': return this.resume(p);
      case 'v': return this.vPacket(p);
      case 'q': case 'Q': return this.query(p);
      case 'D': await this.detach(); return 'OK';
      case 'k': this.t.kill(); return null;
      default: return '';
    }
  }

  private hart(threadId: string): number | null {
    const n = hexNum(threadId);
    return n !== null && n >= 1n && n <= BigInt(this.t.nharts) ? Number(n) - 1 : null;
  }

  private setThread(threadId: string): string {
    if (threadId === '-1' || threadId === '0') return 'OK';
    const h = this.hart(threadId);
    if (h === null) return 'E22';
    this.current = h;
    return 'OK';
  }

  private readRegister(arg: string): string {
    const n = hexNum(arg);
    const r = n === null ? undefined : register(Number(n));
    return r ? regHex(r.get(this.t.views, this.current)) : 'E45';
  }

  private writeRegister(arg: string): string {
    const [num, value] = arg.split('=');
    const n = hexNum(num ?? '');
    const r = n === null ? undefined : register(Number(n));
    const x = parseRegHex(value ?? '');
    if (!r || x === null) return 'E45';
    r.set?.(this.t.views, this.current, x);
    return 'OK';
  }

  private writeAllRegisters(hex: string): string {
    if (hex.length !== G_REGISTERS.length * 16) return 'E01';
    const values = G_REGISTERS.map((_, i) => parseRegHex(hex.slice(16 * i, 16 * i + 16)));
    if (values.some((x) => x === null)) return 'E01';
    G_REGISTERS.forEach((r, i) => r.set?.(this.t.views, this.current, values[i]!));
    return 'OK';
  }

  /** "addr,len" in hex. */
  private range(s: string): { addr: bigint; len: number } | null {
    const m = /^([0-9a-fA-F]{1,16}),([0-9a-fA-F]{1,8})$/.exec(s);
    if (!m) return null;
    return { addr: BigInt('0x' + m[1]), len: parseInt(m[2], 16) };
  }

  private readMem(arg: string): string {
    const r = this.range(arg);
    if (!r) return 'E01';
    const bytes = readMemory(this.t.views, this.current, this.physical, r.addr, Math.min(r.len, MAX_PACKET / 2));
    return bytes.length === 0 && r.len > 0 ? 'E14' : toHex(bytes);
  }

  private writeMem(arg: string, binary: boolean): string {
    const colon = arg.indexOf(':');
    const r = colon < 0 ? null : this.range(arg.slice(0, colon));
    if (!r) return 'E01';
    const raw = arg.slice(colon + 1);
    const data = binary ? Uint8Array.from(raw, (c) => c.charCodeAt(0)) : fromHex(raw);
    if (!data || data.length !== r.len) return 'E01';
    if (data.length === 0) return 'OK';
    return writeMemory(this.t.views, this.current, this.physical, r.addr, data) ? 'OK' : 'E14';
  }

  /** Z/z type,addr,kind: 0 and 1 breakpoints, 2 write watchpoints. */
  private point(p: string): string {
    const m = /^([Zz])([0-4]),([0-9a-fA-F]{1,16}),([0-9a-fA-F]{1,8})$/.exec(p);
    if (!m) return 'E01';
    const insert = m[1] === 'Z';
    const addr = BigInt('0x' + m[3]);
    const size = BigInt('0x' + m[4]);
    switch (m[2]) {
      case '0': case '1':
        if (!insert) this.tables.removeBreak(addr);
        else if (!this.tables.addBreak(addr)) return 'E28';
        return 'OK';
      case '2':
        if (!insert) this.tables.removeWatch(addr, size);
        else if (!this.tables.addWatch(addr, size)) return 'E28';
        return 'OK';
      default:
        // Read and access watchpoints would cost every load: not offered.
        return '';
    }
  }

  /** c, C, s, S (with an optional address to resume at). */
  private async resume(p: string): Promise<string | null> {
    const step = p[0] === 's' || p[0] === 'S';
    let rest = p.slice(1);
    if (p[0] === 'C' || p[0] === 'S') rest = rest.includes(';') ? rest.slice(rest.indexOf(';') + 1) : '';
    if (rest !== '') {
      const addr = hexNum(rest);
      if (addr === null) return 'E01';
      this.t.views.setHartBigU64(this.current, hartsave.HSV_PC, addr);
    }
    return step ? this.stepHart(this.current) : this.continueAll();
  }

  private async stepHart(h: number): Promise<string> {
    await this.t.harts.step(h, DebugCmd.Step);
    this.current = h;
    return this.afterStep(h) ?? (this.lastStop = `T${SIGTRAP}thread:${tid(h)};`);
  }

  /** The stop reply for a step of hart h that ran into something, or null. */
  private afterStep(h: number): string | null {
    if (holdReason(this.t.views.i32, h) === HoldWhy.Watchpoint) {
      setHoldReason(this.t.views.i32, h, HoldWhy.Stepped);
      return this.watchReply(h);
    }
    return this.tables.hasBreak(this.t.views.hartBigU64(h, hartsave.HSV_PC)) ? this.breakReply(h) : null;
  }

  private breakReply(h: number): string {
    return (this.lastStop = `T${SIGTRAP}thread:${tid(h)};${this.swbreak ? 'swbreak:;' : ''}`);
  }

  /** The watched range's address the store would have written (HS_DEBUG_ADDR). */
  private watchReply(h: number): string {
    return (this.lastStop = `T${SIGTRAP}thread:${tid(h)};watch:${this.t.views.hartBigU64(h, debug.HS_DEBUG_ADDR).toString(16)};`);
  }

  /**
   * vCont;c:N — hart N alone runs, the others stay held. GDB asks this to
   * step a thread off a breakpoint (its RISC-V single step is a breakpoint
   * on the next instruction and a continue), so it is one instruction or a
   * few: the hart is stepped until it reaches a breakpoint or a watched
   * store, or Ctrl-C.
   */
  private continueOne(h: number): null {
    this.running = true;
    this.alone = true;
    this.current = h;
    void (async () => {
      while (this.running && !stopRequested(this.t.views.i32)) {
        await this.t.harts.step(h, DebugCmd.Step);
        const reply = this.running ? this.afterStep(h) : null;
        if (reply !== null) {
          this.running = false;
          this.send(reply);
        }
      }
      this.alone = false;
    })();
    return null;
  }

  private continueAll(): null {
    this.running = true;
    this.releasing = this.release();
    void this.releasing.then(() => this.poll());
    return null;
  }

  private async vPacket(p: string): Promise<string | null> {
    if (p === 'vCont?') return 'vCont;c;C;s;S';
    if (p.startsWith('vCont;')) {
      // All-stop: a step of one thread steps that hart alone; the others
      // stay held (their 'c' waits for the next continue).
      const actions = p.slice(6).split(';').map((a) => {
        const [what, thread] = a.split(':');
        return { what: what[0], thread };
      });
      const s = actions.find((a) => a.what === 's' || a.what === 'S');
      if (s) {
        const h = s.thread === undefined || s.thread === '-1' ? this.current : this.hart(s.thread);
        return h === null ? 'E22' : this.stepHart(h);
      }
      const c = actions.filter((a) => a.what === 'c' || a.what === 'C');
      // Threads without an action stay stopped: one named alone runs alone.
      if (c.length === 1 && c[0].thread !== undefined && c[0].thread !== '-1') {
        const h = this.hart(c[0].thread);
        return h === null ? 'E22' : this.continueOne(h);
      }
      if (c.length > 0) return this.continueAll();
      return 'E01';
    }
    if (p.startsWith('vKill')) {
      this.t.kill();
      return 'OK';
    }
    return '';
  }

  private query(p: string): string {
    if (p.startsWith('qSupported')) {
      this.swbreak = /swbreak\+/.test(p);
      return `PacketSize=${MAX_PACKET.toString(16)};qXfer:features:read+;QStartNoAckMode+;vContSupported+;swbreak+`;
    }
    if (p === 'QStartNoAckMode') return 'OK';
    if (p === 'qfThreadInfo') return 'm' + Array.from({ length: this.t.nharts }, (_, h) => tid(h)).join(',');
    if (p === 'qsThreadInfo') return 'l';
    if (p === 'qC') return `QC${tid(this.current)}`;
    if (p === 'qAttached') return '1';
    if (p.startsWith('qSymbol')) return 'OK';
    if (p.startsWith('qThreadExtraInfo,')) {
      const h = this.hart(p.slice(17));
      if (h === null) return 'E22';
      return textToHex(`hart ${h}, ${PRIV[Number(this.t.views.hartBigU64(h, hartsave.HSV_PRIV))] ?? '?'}-mode`);
    }
    if (p.startsWith('qXfer:features:read:')) return this.features(p.slice(20));
    if (p.startsWith('qRcmd,')) {
      const cmd = fromHex(p.slice(6));
      if (!cmd) return 'E01';
      return textToHex(monitor(new TextDecoder().decode(cmd), {
        views: this.t.views, nharts: this.t.nharts, hart: this.current, physical: this.physical,
        setPhysical: (on) => { this.physical = on; },
      }));
    }
    return '';
  }

  private features(arg: string): string {
    const m = /^([^:]+):([0-9a-fA-F]+),([0-9a-fA-F]+)$/.exec(arg);
    if (!m) return 'E01';
    if (m[1] !== 'target.xml') return 'E00';
    const off = parseInt(m[2], 16);
    const len = parseInt(m[3], 16);
    const chunk = this.xml.slice(off, off + len);
    return (off + len >= this.xml.length ? 'l' : 'm') + chunk;
  }
}
