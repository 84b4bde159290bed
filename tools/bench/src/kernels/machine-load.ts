/**
 * How busy the machine is apart from this benchmark: the load average, and the cores that other
 * processes used while a case was measured (all CPU time in /proc/stat minus this process's
 * own), so that a table row measured next to someone's test run can be recognised as such.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

/** Jiffies per second of /proc/stat (USER_HZ, 100 on every Linux this runs on). */
const USER_HZ = 100;

export function loadAverageText(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

/** True when the 1-minute load average says that more than half a core is busy with other work. */
export function machineIsBusy(): boolean {
  return (loadavg()[0] as number) > 0.5 + 0.1 * availableParallelism();
}

/** Busy CPU seconds of the whole machine so far, or undefined where /proc/stat does not exist. */
function machineBusySeconds(): number | undefined {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] as string;
    const [user, nice, system, , , irq, softirq, steal] = cpu.trim().split(/\s+/).slice(1).map(Number) as number[];
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / USER_HZ;
  } catch {
    return undefined;
  }
}

/** CPU seconds that process `pid` has used so far (0 when it cannot be read). */
function processCpuSeconds(pid: number): number {
  try {
    // Fields after the command name (which may contain spaces): utime and stime are 14th and 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
  } catch {
    return 0;
  }
}

/**
 * Starts a measurement window; the returned function gives the cores that processes other than
 * this one and `helpers` (e.g. our kernel server) used since, or undefined without /proc/stat.
 */
export function otherProcessesMeter(helpers: readonly number[] = []): () => number | undefined {
  const start = performance.now();
  const machine = machineBusySeconds();
  const own = process.cpuUsage();
  const helpersAtStart = helpers.map(processCpuSeconds);
  return () => {
    const now = machineBusySeconds();
    if (machine === undefined || now === undefined) return undefined;
    const used = process.cpuUsage(own);
    const helperSeconds = helpers.reduce((sum, pid, i) => sum + processCpuSeconds(pid) - (helpersAtStart[i] as number), 0);
    const ownSeconds = (used.user + used.system) / 1e6 + helperSeconds;
    const elapsed = (performance.now() - start) / 1000;
    return elapsed > 0 ? Math.max(0, (now - machine - ownSeconds) / elapsed) : undefined;
  };
}
