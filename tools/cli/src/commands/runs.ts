import { println } from '../cli-io';
import type { Command } from '../command';
import { loadSettings } from '../gateway/config-store';
import { GatewayClient } from '../gateway/gateway-client';
import { renderTable } from '../format/table';
import { formatMs } from '../format/units';
import { parseOptions } from '../parse-options';
import { usageError } from '../usage-error';

const USAGE = `Usage: edgepress runs [--state STATE[,STATE...]] [--first N] [--json]

Lists your team's runs on the gateway you logged in to, newest first.

  --state STATES   only runs in these states: queued, running, succeeded, failed, cancelling, cancelled
  --first N        how many (1 to 100, default 20)
  --json           machine-readable output`;

const STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelling', 'cancelled'];

interface RunRow {
  id: string;
  state: string;
  progress: number;
  targetId: string;
  createdAt: string;
  durationMs: number | null;
  model: { name: string };
  stages: { pluginName: string }[];
  error: { code: string; message: string } | null;
}

const RUNS = `query Runs($filter: RunFilter, $first: Int) {
  runs(filter: $filter, first: $first) {
    nodes { id state progress targetId createdAt durationMs model { name } stages { pluginName } error { code message } }
    pageInfo { hasNextPage }
  }
}`;

export const runsCommand: Command = {
  name: 'runs',
  summary: "list your team's runs on the gateway",
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { state: { type: 'string' }, first: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length > 0) throw usageError(`Unexpected argument "${positionals[0]}"`);
    const states = values.state === undefined ? undefined : values.state.split(',').map((s) => s.trim().toLowerCase());
    const unknown = states?.find((state) => !STATES.includes(state));
    if (unknown !== undefined) throw usageError(`Expected --state among ${STATES.join(', ')} but received "${unknown}"`);
    const first = values.first === undefined ? 20 : Number(values.first);
    if (!Number.isInteger(first) || first < 1 || first > 100) throw usageError(`Expected --first between 1 and 100 but received "${values.first}"`);

    const gateway = new GatewayClient(await loadSettings({}, process.env, (line) => println(io.stderr, line)));
    const { runs } = await gateway.graphql<{ runs: { nodes: RunRow[]; pageInfo: { hasNextPage: boolean } } }>(RUNS, {
      first,
      filter: states ? { states: states.map((s) => s.toUpperCase()) } : null,
    });
    if (values.json) {
      println(io.stdout, JSON.stringify(runs.nodes, null, 2));
      return 0;
    }
    if (runs.nodes.length === 0) {
      println(io.stdout, states ? `No runs in state ${states.join(' or ')}` : 'No runs yet: start one with "edgepress run MODEL --target ID --stage NAME"');
      return 0;
    }
    const rows = runs.nodes.map((run) => [
      run.id,
      run.state.toLowerCase(),
      run.state === 'RUNNING' ? `${Math.round(run.progress * 100)} %` : '',
      run.model.name,
      run.targetId,
      run.stages.map((stage) => stage.pluginName).join(' -> '),
      run.durationMs === null ? '-' : formatMs(run.durationMs),
      run.createdAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
      run.error ? run.error.code : '',
    ]);
    println(io.stdout, renderTable(['id', 'state', 'progress', 'model', 'target', 'stages', 'duration', 'created', 'error'], rows));
    if (runs.pageInfo.hasNextPage) println(io.stdout, `(more: --first ${Math.min(100, first * 2)})`);
    return 0;
  },
};
