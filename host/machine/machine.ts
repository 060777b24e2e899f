// The whole computer, seen from the main thread: the shared memory, the
// program and device tree in RAM, one worker thread per hart, and the wait
// for the machine to stop. The main thread never runs guest code; it sleeps
// on CTL_EVENT (host/devices/signals.ts) and wakes to move console bytes and
// to notice power-off.
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DiskFile } from '../devices/device.js';
import { buildFdt, createConsoles, eventIndex, fdtAddress, resetDeviceState, UartConsole } from '../devices/index.js';
import { guest, hart, projectRoot, wasm } from '../platform.js';
import { clockStart, type ClockStart } from './clock.js';
import { compileCore } from './core.js';
import { blameFile, ElfError, fitToRam, type ElfImage, type ElfSegment } from './elf.js';
import { DYNAMIC_INFO_ADDR, dynamicInfo } from './firmware.js';
import type { HartConfig, HartMessage, HartWorkerData } from './hart-config.js';
import { MemoryViews, createSharedMemory } from './memory.js';
import { readStop, requestStop, resetPower, StopReason, stopRequested, type StopState } from './power.js';
import { resetStartBarrier } from './start-barrier.js';
import { clearThreadWords } from './resume.js';
import { HartHold, holdFromStart, resetHold } from './pause.js';
import { clearDebugTables } from '../gdb/breakpoints.js';
import { waitWord } from './wait-word.js';
import { readCoreCounters, type CoreCounters } from './core-counters.js';
import type { JitStats } from '../jit/code-cache.js';
import { defaultJitMode, type JitMode } from '../jit/mode.js';

export interface MachineOptions {
  cores: number;
  ramBytes: number;
  /** What every hart starts: the program, or the firmware when `next` is given. */
  image: ElfImage;
  /** The firmware's next stage (firmware.ts): loaded too, and named in the
   *  fw_dynamic_info the harts get in a2. */
  next?: ElfImage;
  disk: DiskFile | null;
  /** Stop when the program writes its `tohost` symbol (bare-metal tests). */
  htif: boolean;
  maxInsns: number;
  trace: boolean;
  /** Whether hot code is compiled; XV6_JIT or the default when not given. */
  jit?: JitMode;
  /** Instructions per run() slice. */
  slice?: number;
  /** Where trace lines and notes go; UART output is taken by the caller from `consoles`. */
  traceOut?: (text: string) => void;
  note?: (line: string) => void;
  /** Every hart holds before its first instruction, until `harts` releases
   *  them (a debugger's -S). A guest reset starts the harts running. */
  startHeld?: boolean;
  /** Called every time the main thread wakes: move console bytes here. */
  onWake?: () => void;
  /** Go on from a snapshot instead of powering on (host/snapshot/). */
  restore?: MachineRestore;
}

/** What a restore puts in a fresh memory before the harts start. */
export interface MachineRestore {
  /** Guest time the snapshot was taken at, in mtime ticks. */
  mtime: number;
  /** Writes the saved machine state (CONTROL_BASE up to DECODE_BASE) and guest RAM. */
  fill(views: MemoryViews): void;
}

export interface MachineResult extends StopState {
  /** Instructions retired per hart. */
  instret: number[];
  /** Wall seconds from the harts' start to their stop. */
  seconds: number;
  /** Per hart, what its core had to redo (--stats). */
  counters: CoreCounters[];
  /** What the JIT did, summed over the harts. */
  jit: JitSummary;
}

export interface JitSummary extends JitStats {
  mode: JitMode;
  /** Instructions retired in compiled code. */
  retired: number;
}

// Long enough for the core's loop to reach V8's optimising tier, short enough
// that timers, tohost and power-off are seen within about a millisecond.
const DEFAULT_SLICE = 300_000;
// A hart thread keeps a few MiB of JavaScript objects (its devices, trace
// lines); guest state lives in the shared memory. V8's default heap sizing
// for an isolate costs about 1.3 MiB of host RAM more per hart than these
// limits, which matters with 8 harts (host memory: guest RAM + 100 MiB).
const HART_HEAP_LIMITS = { maxYoungGenerationSizeMb: 0.5, maxOldGenerationSizeMb: 32 };
// A hart ends its current slice within milliseconds; a thread that has not
// said it stopped by then is wedged and gets terminated.
const STOP_GRACE_MS = 1000;

function workerUrl(): URL {
  const here = fileURLToPath(import.meta.url);
  // Tests import the TypeScript sources; workers always run the compiled JS.
  if (here.endsWith('.js')) return new URL('./hart-worker.js', import.meta.url);
  const built = join(projectRoot, 'build/host/machine/hart-worker.js');
  if (!existsSync(built)) throw new Error('build/host is missing: run `npm run build` first');
  return new URL('file://' + built);
}

export class Machine {
  readonly views: MemoryViews;
  readonly consoles: UartConsole[];
  private workers: Worker[] = [];
  private stopped = new Set<number>();
  private readonly clock: ClockStart = clockStart();
  /** Holds every hart still for a debugger or a snapshot (pause.ts). */
  readonly harts: HartHold;
  private startedAt = 0;
  private wakeMain: () => void = () => {};
  private errorReported = false;
  /** Set by a restore until the harts have started from it. */
  private resumeAt: number | null = null;
  private jitStats: JitSummary = Machine.noJitStats('off');

  private static noJitStats(mode: JitMode): JitSummary {
    return { mode, compiled: 0, bytes: 0, compileMs: 0, shared: 0, reused: 0, adopted: 0, retired: 0 };
  }

  private constructor(private readonly module: WebAssembly.Module, readonly memory: WebAssembly.Memory, private readonly opts: MachineOptions, private readonly fdtAddr: number, private readonly tohost: number) {
    this.views = new MemoryViews(memory);
    this.consoles = createConsoles(memory, opts.cores);
    this.harts = new HartHold(this.views.i32, this.views.f64, opts.cores, this.clock);
  }

  /** Builds the machine and loads the program; the harts start with run(). */
  static async create(given: MachineOptions): Promise<Machine> {
    const fdt = buildFdt({ nharts: given.cores, ramBytes: given.ramBytes, disk: given.disk !== null, nuarts: guest.NUART });
    const fdtAddr = fdtAddress(given.ramBytes, fdt.length);
    const place = (image: ElfImage): ElfImage => blameFile(image.path, () => {
      const fitted = fitToRam(image, guest.RAM_BASE, given.ramBytes);
      for (const w of fitted.warnings) given.note?.(`warning: ${image.path ? `${image.path}: ` : ''}${w}`);
      for (const s of fitted.image.segments) {
        if (s.paddr < fdtAddr + fdt.length && fdtAddr < s.paddr + s.memsz) {
          throw new ElfError(`segment at 0x${s.paddr.toString(16)} overlaps the device tree at 0x${fdtAddr.toString(16)}; use a larger --mem`);
        }
      }
      return fitted.image;
    });
    const opts = { ...given, image: place(given.image), next: given.next && place(given.next) };
    const tohost = opts.htif ? findTohost(opts.image, opts.ramBytes) : -1;
    const module = await compileCore();
    const memory = createSharedMemory(opts.ramBytes);
    const machine = new Machine(module, memory, opts, fdtAddr, tohost);
    if (opts.restore) machine.resume(opts.restore);
    else machine.powerOn(fdt);
    if (opts.startHeld) holdFromStart(machine.views.i32);
    return machine;
  }

  /** What the machine was built with (programs placed in RAM), for a snapshot. */
  get settings(): Readonly<MachineOptions> {
    return this.opts;
  }

  /** A snapshot's state in place of a power-on. The words that belong to
   *  the threads of the process that saved it (power, hold, start barrier,
   *  wake-ups) start afresh; the CSRs wait in the HSV_* fields for the
   *  harts' loadState(). Decode caches and TLBs are not in a snapshot: the
   *  fresh cores start with theirs empty. */
  private resume(r: MachineRestore): void {
    const { views } = this;
    r.fill(views);
    resetPower(views.i32);
    resetStartBarrier(views.i32);
    resetHold(views.i32);
    Atomics.store(views.i32, eventIndex(), 0);
    for (let h = 0; h < guest.MAX_HARTS; h++) clearThreadWords(views, h);
    // They were a debugger's, who is not here now.
    clearDebugTables(views.i32);
    this.resumeAt = r.mtime;
  }

  /** Everything a power-on (or a reset) puts in place before the harts start. */
  private powerOn(fdt: Uint8Array): void {
    const { opts, views } = this;
    views.u8.fill(0, wasm.HART_STATE_BASE, wasm.DECODE_BASE);
    resetDeviceState({ memory: this.memory, nharts: opts.cores, ramBytes: opts.ramBytes, disk: opts.disk });
    resetPower(views.i32);
    resetStartBarrier(views.i32);
    resetHold(views.i32);
    for (const s of loadedSegments(opts)) views.writeGuest(s.paddr, s.data, s.memsz);
    views.writeGuest(this.fdtAddr, fdt);
    if (this.tohost >= 0) views.writeGuest(this.tohost, new Uint8Array(8));
  }

  private spawn(): void {
    const { opts } = this;
    const url = workerUrl();
    this.stopped.clear();
    this.startedAt = performance.now();
    const jit = opts.jit ?? defaultJitMode();
    this.jitStats = Machine.noJitStats(jit);
    for (let h = 0; h < opts.cores; h++) {
      const config: HartConfig = {
        hartid: h, nharts: opts.cores, ramBytes: opts.ramBytes, entry: opts.image.entry, fdtAddr: this.fdtAddr,
        rom: opts.next ? dynamicInfo(opts.next) : null, bootInfo: opts.next ? DYNAMIC_INFO_ADDR : 0,
        clock: this.clock, slice: opts.slice ?? DEFAULT_SLICE, tohost: this.tohost, maxInsns: opts.maxInsns,
        trace: opts.trace, jit, disk: opts.disk, nuarts: guest.NUART, resumeAt: this.resumeAt,
      };
      const data: HartWorkerData = { module: this.module, memory: this.memory, config };
      const w = new Worker(url, { workerData: data, resourceLimits: HART_HEAP_LIMITS });
      w.on('message', (m: HartMessage) => this.onMessage(h, m));
      w.on('error', (e) => this.fail(`hart ${h}: ${e.message}`));
      w.on('exit', () => {
        // A hart leaves its loop only once the machine stops; ending before that is a failure.
        if (!this.stopped.has(h) && !stopRequested(this.views.i32)) this.fail(`hart ${h}: its thread ended unexpectedly`);
        this.wakeMain();
      });
      this.workers.push(w);
    }
    // A guest reset after a restore powers on as any reset does.
    this.resumeAt = null;
  }

  private onMessage(h: number, m: HartMessage): void {
    switch (m.type) {
      case 'trace': this.opts.traceOut?.(m.text); break;
      case 'note': this.opts.note?.(m.text); break;
      case 'error': this.reportError(m.text); break;
      case 'stopped': this.stopped.add(h); this.wakeMain(); break;
      case 'jit-module':
        // Every other hart gets the compiled module (host/jit/code-cache.ts).
        this.workers.forEach((w, k) => { if (k !== h) w.postMessage(m); });
        break;
      case 'jit-stats': {
        const s = this.jitStats;
        s.compiled += m.stats.compiled; s.bytes += m.stats.bytes; s.compileMs += m.stats.compileMs;
        s.shared += m.stats.shared; s.reused += m.stats.reused; s.adopted += m.stats.adopted; s.retired += m.retired;
        break;
      }
    }
  }

  private fail(text: string): void {
    requestStop(this.views.i32, this.opts.cores, StopReason.HostError, 70);
    this.reportError(text);
  }

  // One failure usually brings down every hart: the first says what happened.
  private reportError(text: string): void {
    if (this.errorReported) return;
    this.errorReported = true;
    this.opts.note?.(`internal error: ${text}`);
  }

  /** Asks the machine to stop (e.g. the user quit); run() then returns. */
  stop(reason: StopReason, exitCode: number): void {
    requestStop(this.views.i32, this.opts.cores, reason, exitCode);
  }

  /** Starts the harts and resolves when the machine powers off or fails. A guest reset restarts it. */
  async run(): Promise<MachineResult> {
    for (;;) {
      this.spawn();
      const stop = await this.untilStopped();
      const seconds = (performance.now() - this.startedAt) / 1000;
      await this.joinWorkers();
      // Only now: a hart stores its count when its last run() slice returns.
      const instret = Array.from({ length: this.opts.cores }, (_, h) => this.views.hartU64(h, hart.HS_INSTRET));
      const counters = Array.from({ length: this.opts.cores }, (_, h) => readCoreCounters(this.views, h));
      this.opts.onWake?.();
      if (stop.reason !== StopReason.Reset) return { ...stop, instret, seconds, counters, jit: this.jitStats };
      this.powerOn(buildFdt({ nharts: this.opts.cores, ramBytes: this.opts.ramBytes, disk: this.opts.disk !== null, nuarts: guest.NUART }));
    }
  }

  private async untilStopped(): Promise<StopState> {
    const i32 = this.views.i32;
    const ev = eventIndex();
    for (;;) {
      // Clear before looking, so that anything signalled after the look wakes us.
      Atomics.store(i32, ev, 0);
      this.opts.onWake?.();
      const stop = readStop(i32);
      if (stop) return stop;
      await this.sleep(ev);
    }
  }

  /** Waits for CTL_EVENT, a worker message, or a safety timeout. */
  private sleep(ev: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        if (this.wakeMain === done) this.wakeMain = () => {};
        resolve();
      };
      this.wakeMain = done;
      void waitWord(this.views.i32, ev, 0, 200).then(done);
    });
  }

  private async joinWorkers(): Promise<void> {
    const deadline = performance.now() + STOP_GRACE_MS;
    while (this.stopped.size < this.workers.length && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 5));
    }
    const workers = this.workers;
    this.workers = [];
    for (const w of workers) w.removeAllListeners('exit');
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

function loadedSegments(opts: MachineOptions): ElfSegment[] {
  return [...opts.image.segments, ...(opts.next?.segments ?? [])];
}

function findTohost(image: ElfImage, ramBytes: number): number {
  const at = image.symbols.get('tohost');
  if (at === undefined) return -1;
  if (at % 8 !== 0 || at < guest.RAM_BASE || at + 8 > guest.RAM_BASE + ramBytes) {
    throw new ElfError(`symbol tohost at 0x${at.toString(16)} is not an aligned word in RAM`);
  }
  return at;
}
