// One hart's thread: instantiates the core over the shared memory, builds
// this thread's device objects, and runs the hart in slices until the
// machine stops. WFI parks the thread on the hart's HS_WAKE word, so an idle
// hart costs no host CPU.
import { parentPort, workerData } from 'node:worker_threads';
import { JitCache } from '../jit/code-cache.js';
import { coreJitArgs } from '../jit/mode.js';
import { createDevices } from '../devices/index.js';
import { hart } from '../platform.js';
import { MmioBus } from './bus.js';
import { TICKS_PER_MS, tickSource } from './clock.js';
import { instantiateCore, Stop } from './core.js';
import type { HartMessage, HartWorkerData } from './hart-config.js';
import { MemoryViews } from './memory.js';
import { requestStop, StopReason, stopRequested } from './power.js';
import { holdHart, holdRequested, HoldWhy, requestHold, setHoldReason } from './pause.js';
import { resumeClock, resumeHart } from './resume.js';
import { arriveAndWait } from './start-barrier.js';
import { Tracer } from './tracer.js';

// Long enough for the host to run a descheduled lock holder, short next to
// the guest's timer tick.
const SPIN_PAUSE_MS = 0.1;

const RUNNING = 0;
const PARKED = 1;
const STOPPED = 2;

const { module, memory, config } = workerData as HartWorkerData;
const h = config.hartid;
const views = new MemoryViews(memory);
const i32 = views.i32;
const post = (m: HartMessage) => parentPort!.postMessage(m);

const wakeIndex = views.hartWord(h, hart.HS_WAKE);
const runstateIndex = views.hartWord(h, hart.HS_RUNSTATE);
const deadlineIndex = views.hartField(h, hart.HS_TIMER_DEADLINE) >> 3;
const instretOf = (k: number) => views.hartU64(k, hart.HS_INSTRET);
const nowTicks = tickSource(config.clock, views.f64);

/** Sleeps until another thread wakes this hart or its next timer is due. */
function park(): void {
  const deadline = views.f64[deadlineIndex];
  let timeoutMs = Infinity;
  if (Number.isFinite(deadline)) {
    timeoutMs = (deadline - nowTicks()) / TICKS_PER_MS;
    if (timeoutMs <= 0) return;
  }
  // The core cleared HS_WAKE in its last look at WFI, which may have eaten
  // the wake-up of a hold asked for since: CTL_PAUSE is set before that
  // wake-up, so it shows here.
  if (holdRequested(i32)) return;
  Atomics.store(i32, runstateIndex, PARKED);
  Atomics.wait(i32, wakeIndex, 0, timeoutMs);
  Atomics.store(i32, runstateIndex, RUNNING);
}

/**
 * The hart has been spinning on a lock: give the host CPU to the lock
 * holder's thread (likely descheduled) for a moment. Any wake-up (an
 * interrupt for this hart) ends the pause early; clearing HS_WAKE first is
 * safe because WFI clears it too before its last look.
 */
function pause(): void {
  Atomics.store(i32, wakeIndex, 0);
  Atomics.wait(i32, wakeIndex, 0, SPIN_PAUSE_MS);
}

/** HTIF: 1 = pass, (n << 1) | 1 = test n failed. Returns true once the program has written it. */
function checkTohost(): boolean {
  const at = views.ramOffset(config.tohost, 8);
  const lo = Atomics.load(i32, at >> 2) >>> 0;
  const hi = Atomics.load(i32, (at >> 2) + 1) >>> 0;
  if (lo === 0 && hi === 0) return false;
  if ((lo & 1) === 0) {
    post({ type: 'note', text: `tohost: unsupported HTIF request 0x${hi.toString(16)}${lo.toString(16).padStart(8, '0')}` });
    requestStop(i32, config.nharts, StopReason.HostError, 1);
    return true;
  }
  // The test number, kept whole (up to 2^31 - 1) for the message; the CLI clamps the exit status.
  const code = Math.min(hi * 2 ** 31 + (lo >>> 1), 0x7fffffff);
  requestStop(i32, config.nharts, StopReason.Htif, code);
  return true;
}

function runHart(): void {
  const bus = new MmioBus(
    createDevices({ memory, nharts: config.nharts, ramBytes: config.ramBytes, disk: config.disk, nuarts: config.nuarts, rom: config.rom }),
    i32,
    views.hartWord(h, hart.HS_MMIO_STATUS),
  );
  const table = new WebAssembly.Table({ element: 'anyfunc', initial: 1 });
  const core = instantiateCore(module, memory, {
    mmioRead: (paddr, size) => bus.read(paddr, size),
    mmioWrite: (paddr, size, value) => bus.write(paddr, size, value),
    nowTicks,
  }, table);
  if (config.resumeAt === null) {
    core.init(h, config.nharts, config.ramBytes);
    core.setPc(config.entry >>> 0, Math.floor(config.entry / 2 ** 32));
    core.setReg(10, h, 0);
    core.setReg(11, config.fdtAddr >>> 0, Math.floor(config.fdtAddr / 2 ** 32));
    core.setReg(12, config.bootInfo >>> 0, Math.floor(config.bootInfo / 2 ** 32));
  } else {
    resumeHart(core, views, h, config.nharts, config.ramBytes);
  }
  core.setJit(...coreJitArgs(config.jit));
  const jit = new JitCache(memory, table, views.hartField(h, 0), post, parentPort);
  const tracer = config.trace ? new Tracer(core, h, (text) => post({ type: 'trace', text }), views) : null;
  Atomics.store(i32, runstateIndex, RUNNING);
  arriveAndWait(i32, config.nharts, config.resumeAt === null ? undefined : resumeClock(views, config.clock, config.resumeAt));

  // --max-insns is this hart's own budget of retired instructions (what
  // instret and --stats count). A slice that retired nothing at all is a
  // trap storm (a handler that faults itself): its attempts count too, or
  // the limit would never stop it.
  let stormed = 0;
  try {
    while (!stopRequested(i32)) {
      if (holdRequested(i32)) {
        holdHart(i32, h, core);
        continue;
      }
      let budget = config.slice;
      if (config.maxInsns > 0) {
        const left = config.maxInsns - (instretOf(h) + stormed);
        if (left <= 0) {
          requestStop(i32, config.nharts, StopReason.InsnLimit, 2);
          break;
        }
        budget = Math.min(budget, left);
      }
      const before = instretOf(h);
      const why = tracer ? tracer.step(before, () => instretOf(h)) : core.run(budget);
      if (why === Stop.Budget && instretOf(h) === before) stormed += tracer ? 1 : budget;
      if (config.tohost >= 0 && checkTohost()) break;
      if (why === Stop.Wfi) park();
      else if (why === Stop.Spin) pause();
      else if (why === Stop.Break || why === Stop.Watch) {
        // All-stop: this hart says why, and every hart holds.
        setHoldReason(i32, h, why === Stop.Break ? HoldWhy.Breakpoint : HoldWhy.Watchpoint);
        requestHold(i32, config.nharts);
      }
      else if (why === Stop.Jit) jit.build(core);
    }
  } finally {
    tracer?.flush();
    post({ type: 'jit-stats', stats: jit.stats, retired: core.jitRetired() });
  }
}

try {
  runHart();
} catch (e) {
  const err = e as Error;
  post({ type: 'error', text: `hart ${h}: ${err.message || String(err)}` });
  requestStop(i32, config.nharts, StopReason.HostError, 70);
}
Atomics.store(i32, runstateIndex, STOPPED);
post({ type: 'stopped' });
