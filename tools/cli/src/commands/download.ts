import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { println } from '../cli-io';
import type { Command } from '../command';
import { loadSettings } from '../gateway/config-store';
import { GatewayClient } from '../gateway/gateway-client';
import { formatBytes } from '../format/units';
import { parseOptions } from '../parse-options';
import { usageError } from '../usage-error';

const USAGE = `Usage: edgepress download RUN_ID -o OUT [--stage N | --report]

Downloads a run's final model (the last stage's output) from the gateway you logged in to.

  -o, --output OUT   where to write it (written whole or not at all)
  --stage N          the model of stage N (1-based) instead, e.g. of a run that failed later
  --report           the run's report.json instead of a model`;

interface ArtifactRow {
  id: string;
  kind: 'MODEL' | 'REPORT';
  stageIndex: number | null;
  sizeBytes: number;
  blobSha256: string;
}

const RUN_ARTIFACTS = `query Artifacts($id: ID!) { run(id: $id) { id state stages { index } artifacts { id kind stageIndex sizeBytes blobSha256 } } }`;

export const downloadCommand: Command = {
  name: 'download',
  summary: "download a run's final model (or a stage's model, or its report)",
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { output: { type: 'string', short: 'o' }, stage: { type: 'string' }, report: { type: 'boolean' } });
    const [runId] = positionals;
    if (runId === undefined || positionals.length !== 1) throw usageError(`Expected one RUN_ID but received ${positionals.length}`);
    if (values.output === undefined) throw usageError('Expected -o OUT');
    if (values.stage !== undefined && values.report) throw usageError('Expected --stage or --report, not both');
    const stageNumber = values.stage === undefined ? undefined : Number(values.stage);
    if (stageNumber !== undefined && (!Number.isInteger(stageNumber) || stageNumber < 1)) throw usageError(`Expected a stage number from 1 for --stage but received "${values.stage}"`);

    const gateway = new GatewayClient(await loadSettings({}, process.env, (line) => println(io.stderr, line)));
    const { run } = await gateway.graphql<{ run: { id: string; state: string; stages: { index: number }[]; artifacts: ArtifactRow[] } }>(RUN_ARTIFACTS, { id: runId });
    let artifact: ArtifactRow | undefined;
    if (values.report) {
      artifact = run.artifacts.find((a) => a.kind === 'REPORT' && a.stageIndex === null);
      if (!artifact) throw new EdgepressError(ErrorCode.NOT_FOUND, `Run ${run.id} has no report yet (it is ${run.state.toLowerCase()})`);
    } else {
      const index = stageNumber === undefined ? run.stages.length - 1 : stageNumber - 1;
      if (index >= run.stages.length) throw usageError(`Run ${run.id} has ${run.stages.length} stages; --stage ${stageNumber} does not exist`);
      artifact = run.artifacts.find((a) => a.kind === 'MODEL' && a.stageIndex === index);
      if (!artifact) {
        const what = stageNumber === undefined ? 'a final model' : `a model for stage ${stageNumber}`;
        throw new EdgepressError(ErrorCode.NOT_FOUND, `Run ${run.id} has no ${what} (it is ${run.state.toLowerCase()}); "edgepress runs" shows its state`);
      }
    }
    const bytes = await gateway.downloadArtifact(artifact.id, values.output, artifact.blobSha256);
    println(io.stdout, `${values.output}: ${formatBytes(bytes)} (sha256 ${artifact.blobSha256})`);
    return 0;
  },
};
