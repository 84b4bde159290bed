import { listTargets, TARGET_KINDS, type HardwareTarget } from '@edgepress/targets';
import { println } from '../cli-io';
import type { Command } from '../command';
import { renderTable } from '../format/table';
import { formatBytes, formatSi } from '../format/units';
import { parseOptions } from '../parse-options';
import { usageError } from '../usage-error';

const USAGE = `Usage: edgepress targets [--kind cpu|gpu|npu|mcu] [--json]

Lists the hardware target catalog: ids to use with --target, what each accelerates, its memory
and peak throughput. With --json, every field of every target, including the sources of the figures.`;

function memory(target: HardwareTarget): string {
  const ram = formatBytes(target.memory.ramBytes);
  return target.kind === 'mcu' ? `${ram} SRAM, ${formatBytes(target.flash.bytes)} flash` : ram;
}

function peak(target: HardwareTarget): string {
  const best = Object.entries(target.peakMacsPerSecond).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))[0];
  return best ? `${formatSi(best[1] ?? 0)}MAC/s ${best[0]}` : '-';
}

export const targetsCommand: Command = {
  name: 'targets',
  summary: 'list the hardware target catalog',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { kind: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length > 0) throw usageError(`Unexpected argument "${positionals[0]}"`);
    if (values.kind !== undefined && !(TARGET_KINDS as readonly string[]).includes(values.kind)) {
      throw usageError(`Expected --kind to be one of ${TARGET_KINDS.join(', ')} but received "${values.kind}"`);
    }
    const targets = listTargets().filter((t) => values.kind === undefined || t.kind === values.kind);
    if (values.json) {
      println(io.stdout, JSON.stringify(targets, null, 2));
      return 0;
    }
    const rows = targets.map((t) => [t.id, t.kind, t.name, t.precisions.join('/'), memory(t), peak(t)]);
    println(io.stdout, renderTable(['id', 'kind', 'name', 'precisions', 'memory', 'peak'], rows));
    return 0;
  },
};
