// `xv6-wasm bench`: guest workloads on our emulator and, side by side in the
// same invocation, on QEMU with the same kernel and disk image.
import { accessSync, constants, existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Command, Option } from 'commander';
import { calibrate, ipiRoundTrip } from '../../bench/probes.js';
import { progressLine } from '../../bench/progress.js';
import { qemuVersion } from '../../bench/qemu-session.js';
import { qemuInstalled } from '../../machine/qemu-argv.js';
import { formatTable, hostInfo, toJson, type BenchReport } from '../../bench/report.js';
import { runBench, selectWorkloads } from '../../bench/runner.js';
import { summarize } from '../../bench/summary.js';
import { WORKLOADS } from '../../bench/workloads.js';
import { OptionError, parseCores, parseCount, parseMem } from '../../machine/options.js';
import { projectRoot } from '../../platform.js';
import { DEFAULT_JIT, parseJitMode } from '../../jit/mode.js';
import { runCommandBody } from '../user-errors.js';

interface BenchOptions {
  cores: string;
  runs?: string;
  quick?: boolean;
  qemu: string;
  json?: string;
  workloads?: string;
  gdb?: boolean;
  kernel: string;
  disk: string;
  mem: string;
  jit?: string;
}

function useQemu(mode: string): boolean {
  if (mode === 'off') return false;
  if (mode === 'auto') return qemuInstalled();
  if (mode === 'on') {
    if (!qemuInstalled()) throw new OptionError('--qemu on, but qemu-system-riscv64 is not installed (Debian: apt-get install qemu-system-misc)');
    return true;
  }
  throw new OptionError(`--qemu must be auto, on or off, not '${mode}'`);
}

function workloadNames(list: string | undefined): string[] | undefined {
  if (list === undefined) return undefined;
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  const known = WORKLOADS.map((w) => w.name);
  const bad = names.filter((n) => !known.includes(n));
  if (bad.length || names.length === 0) throw new OptionError(`--workloads takes a comma-separated list of ${known.join(', ')}; unknown: '${bad.join(',') || list}'`);
  return names;
}

/** The run takes minutes: find out now, not after it, that --json cannot be written. */
function writablePath(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  try {
    if (existsSync(path)) {
      if (statSync(path).isDirectory()) throw new OptionError(`--json ${path}: is a directory`);
      accessSync(path, constants.W_OK);
    } else {
      accessSync(dirname(path), constants.W_OK);
    }
  } catch (e) {
    if (e instanceof OptionError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new OptionError(`--json ${path}: cannot write there (${code === 'ENOENT' ? 'no such directory' : code ?? (e as Error).message})`);
  }
  return path;
}

function writeJson(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new OptionError(`--json ${path}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); the table above has the results`);
  }
}

function mustExist(path: string, what: string): string {
  if (!existsSync(path)) throw new OptionError(`${what} ${path} does not exist (run \`npm run build\`)`);
  return path;
}

export function benchCommand(): Command {
  const cmd = new Command('bench')
    .description('measure guest instruction throughput, boot and usertests time, side by side with QEMU')
    .addOption(new Option('--cores <n>', 'also boot an N-hart machine and run N copies side by side').default('1'))
    .addOption(new Option('--runs <n>', 'runs per side (default 3, or 1 with --quick)'))
    .addOption(new Option('--quick', 'small sizes and no usertests: a smoke run of a minute or two'))
    .addOption(new Option('--qemu <mode>', 'compare with qemu-system-riscv64: auto, on or off').default('auto'))
    .addOption(new Option('--json <file>', 'also write the results as JSON'))
    .addOption(new Option('--gdb', 'also run our side with a GDB client attached and nothing set (what the stub costs)'))
    .addOption(new Option('--workloads <list>', `only these, comma-separated: ${WORKLOADS.map((w) => w.name).join(',')}`))
    .addOption(new Option('--kernel <file>', 'kernel ELF').default(join(projectRoot, 'build/kernel/kernel'), 'build/kernel/kernel'))
    .addOption(new Option('--disk <file>', 'file-system image (each run boots a fresh copy)').default(join(projectRoot, 'build/fs.img'), 'build/fs.img'))
    .addOption(new Option('--mem <size>', 'guest RAM').default('128M'))
    .addOption(new Option('--jit <mode>', `compile hot guest code: off, eager or on (default: $XV6_JIT or ${DEFAULT_JIT})`));
  return cmd.action((o: BenchOptions) =>
    runCommandBody(o.kernel, async () => {
      const cores = parseCores(o.cores);
      // Every machine the bench makes (probes, sessions) takes its mode from here.
      if (o.jit !== undefined) process.env.XV6_JIT = parseJitMode(o.jit);
      const quick = o.quick === true;
      const runs = o.runs === undefined ? (quick ? 1 : 3) : parseCount(o.runs, '--runs', '3');
      const json = writablePath(o.json);
      const ramBytes = parseMem(o.mem);
      const qemu = useQemu(o.qemu);
      const workloads = selectWorkloads(quick, workloadNames(o.workloads));
      const plan = {
        kernel: mustExist(o.kernel, 'kernel'), disk: mustExist(o.disk, 'disk image'), ramBytes,
        coreCounts: cores > 1 ? [1, cores] : [1], runs, quick, qemu, gdb: o.gdb === true, workloads,
      };
      const progress = progressLine(process.stderr);
      const calibration = await calibrate();
      const ipi = await ipiRoundTrip();
      const samples = await runBench(plan, progress);
      const report: BenchReport = {
        host: hostInfo(qemu ? qemuVersion() : 'not used'),
        settings: { runs, quick, cores, qemu, gdb: o.gdb === true, mem: ramBytes },
        calibration, ipi, rows: summarize(samples),
      };
      process.stdout.write(formatTable(report));
      if (json) writeJson(json, toJson(report));
      return calibration.retired === calibration.expected ? 0 : 1;
    }));
}
