import { stat } from 'node:fs/promises';
import path from 'node:path';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { println, type CliIo } from '../cli-io';
import type { Command } from '../command';
import { loadSettings } from '../gateway/config-store';
import { GatewayClient } from '../gateway/gateway-client';
import { CALIBRATION_DATASET, countSamples, MODEL, register } from '../gateway/registrations';
import { followRun, type RunProgressEvent } from '../gateway/run-follower';
import { RUN_FIELDS, runOutcome, stageMetricsTable, type RunView } from '../gateway/run-view';
import { parseOptions } from '../parse-options';
import { parseStageOption } from '../stage-option';
import { usageError } from '../usage-error';

const USAGE = `Usage: edgepress run MODEL --target ID --stage NAME[:key=value,...] [--stage ...] [--calibration DATA.jsonl] [--name NAME] [--wait] [--json]

Uploads MODEL to the gateway you logged in to, registers it, and creates a run of the stages on the
target. With --wait, follows the run's progress and prints each stage's metrics; the exit code is
then the run's outcome (0 succeeded, 5 constraint not met, 1 failed or cancelled).

  --target ID                 a hardware target id (catalog or your team's)
  --stage NAME[:k=v,...]      a plugin and its params, in order; repeatable
                              (values: numbers, true/false, JSON for lists, anything else a string)
  --calibration DATA.jsonl    calibration (and evaluation) samples, one JSON object per line:
                              {"dims": [1, 3, 48, 320], "data": [...]} (or {"inputs": {NAME: ...}});
                              without it the run calibrates on seeded random inputs
  --name NAME                 the model's name in the team (default: the file name); re-using a
                              name is fine for the same bytes
  --wait                      follow the run until it finishes
  --json                      print the run (after --wait: with its stages and metrics) as JSON`;

async function requireFile(file: string): Promise<void> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new EdgepressError(ErrorCode.FILE_NOT_FOUND, `Cannot read ${file}: no such file`);
}

function progressPrinter(io: CliIo, stageCount: number): (event: RunProgressEvent) => void {
  let lastDecile = -1;
  let lastLine = '';
  const stageLabel = (event: RunProgressEvent) => `[${(event.stageIndex ?? 0) + 1}/${stageCount}] ${event.stage?.pluginName ?? 'stage'}`;
  const clear = () => {
    if (io.isTTY && lastLine) io.stdout.write('\r\x1b[K');
    lastLine = '';
  };
  return (event) => {
    if (event.kind === 'PROGRESS') {
      const fraction = event.fraction ?? 0;
      const line = `${(fraction * 100).toFixed(0).padStart(3)}% ${event.message ?? ''}`.trimEnd();
      if (io.isTTY) {
        io.stdout.write(`\r\x1b[K${line.slice(0, 100)}`);
        lastLine = line;
      } else if (Math.floor(fraction * 10) !== lastDecile) {
        lastDecile = Math.floor(fraction * 10);
        println(io.stdout, line);
      }
      return;
    }
    clear();
    if (event.kind === 'STAGE_STARTED') println(io.stdout, `${stageLabel(event)}: started`);
    else if (event.kind === 'STAGE_COMPLETED') println(io.stdout, `${stageLabel(event)}: ${event.stage?.state.toLowerCase() ?? 'completed'}`);
    else if (event.kind === 'RUN_FINISHED') println(io.stdout, `run ${event.state?.toLowerCase() ?? 'finished'}`);
  };
}

export const runCommand: Command = {
  name: 'run',
  summary: 'upload a model to the gateway and run a pipeline on it (--wait follows it)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      target: { type: 'string' },
      stage: { type: 'string', multiple: true },
      name: { type: 'string' },
      calibration: { type: 'string' },
      wait: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    const [file] = positionals;
    if (file === undefined || positionals.length !== 1) throw usageError(`Expected one MODEL file but received ${positionals.length}`);
    if (values.target === undefined) throw usageError('Expected --target ID (see "edgepress targets")');
    const stages = (values.stage ?? []).map((stage) => parseStageOption(stage));
    if (stages.length === 0) throw usageError('Expected at least one --stage NAME[:key=value,...]');
    await requireFile(file);
    if (values.calibration !== undefined) await requireFile(values.calibration);

    const gateway = new GatewayClient(await loadSettings({}, process.env, (line) => println(io.stderr, line)));
    const model = await register(gateway, MODEL, file, values.name ?? path.basename(file), {}, io);
    let calibrationDatasetId: string | null = null;
    if (values.calibration !== undefined) {
      const samples = await countSamples(values.calibration);
      if (samples === 0) throw usageError(`${values.calibration} holds no samples (one JSON object per line)`);
      calibrationDatasetId = (await register(gateway, CALIBRATION_DATASET, values.calibration, path.basename(values.calibration), { sampleCount: samples }, io)).id;
    }
    const { createRun: created } = await gateway.graphql<{ createRun: { id: string; state: string } }>(
      'mutation Create($input: CreateRunInput!) { createRun(input: $input) { id state } }',
      { input: { modelId: model.id, spec: { targetId: values.target, stages: stages.map((s) => ({ plugin: s.plugin, params: s.params })), calibrationDatasetId } } },
    );
    if (!values.wait) {
      if (values.json) println(io.stdout, JSON.stringify(created, null, 2));
      else println(io.stdout, `run ${created.id} ${created.state.toLowerCase()}: model ${model.name} on ${values.target}, ${stages.map((s) => s.plugin).join(' -> ')}`);
      return 0;
    }
    if (!values.json) println(io.stdout, `run ${created.id}: model ${model.name} on ${values.target}, ${stages.map((s) => s.plugin).join(' -> ')}`);
    await followRun(gateway, created.id, values.json ? () => undefined : progressPrinter(io, stages.length));
    const { run } = await gateway.graphql<{ run: RunView }>(`query Run($id: ID!) { run(id: $id) { ${RUN_FIELDS} } }`, { id: created.id });
    if (values.json) println(io.stdout, JSON.stringify(run, null, 2));
    else println(io.stdout, stageMetricsTable(run));
    return runOutcome(run);
  },
};
