import { openDatabase } from '@edgepress/db';

export interface SeededTeam {
  token: string;
  runs: number;
}

const PLUGINS = [
  { pluginName: 'fold-batchnorm', pluginVersion: '1.0.0', params: {} },
  { pluginName: 'prune-channels', pluginVersion: '1.0.0', params: { sparsity: 0.3 } },
  { pluginName: 'quantize-int8', pluginVersion: '1.0.0', params: { perChannel: true, calibration: 'entropy' } },
];

/** Stage metrics as a worker stores them (libs/pipeline StageMetrics), so the query reads real documents. */
function metricsFor(stage: number): Record<string, unknown> {
  return {
    sizeBytes: 580_000 - stage * 150_000,
    gzipBytes: 520_000 - stage * 140_000,
    parameters: 133_665,
    nonZeros: 133_665 - stage * 20_000,
    weightBytes: 534_660 - stage * 150_000,
    bitsPerWeight: 32 - stage * 8,
    latency: { medianMs: 2.1 - stage * 0.3, p90Ms: 2.5, minMs: 1.9, meanMs: 2.2, runs: 50, warmupRuns: 5, host: { cpu: 'bench', logicalCores: 2, onnxruntime: '1.30.0' } },
    estimate: { targetId: 'raspberry-pi-4', latencyMs: 4 - stage, energyMj: 25 - stage * 5, complete: true, compatible: true, fits: true, issues: [] },
    fidelity: { cosine: 1 - stage * 0.001, top1Agreement: 1 - stage * 0.005, sqnrDb: 40 - stage * 5, maxAbsError: 0.01, meanAbsError: 0.001, outputs: {} },
    accuracy: { metric: 'top1-accuracy', value: 0.95 - stage * 0.01, samples: 200, figures: {} },
    evaluatedSamples: 200,
  };
}

/**
 * A team with one model and `count` runs of three stages each: a third succeeded (with metrics on
 * every stage), a third running (first stage done), a third queued, written through the
 * repositories as the gateway and a worker would.
 */
export async function seedRuns(databaseUrl: string, count: number): Promise<SeededTeam> {
  const db = openDatabase(databaseUrl, { max: 4 });
  try {
    const team = await db.teams.create({ slug: `bench-${process.pid}`, name: 'Bench team' });
    const { secret } = await db.tokens.create(team.id, { name: 'bench', role: 'viewer' });
    const model = await db.models.create(team.id, { name: 'ppocr-cls', blobSha256: 'f'.repeat(64), sizeBytes: 578_966, summary: { operators: 0 } });
    const target = { id: 'raspberry-pi-4', kind: 'cpu' };
    for (let index = 0; index < count; index += 1) {
      const run = await db.runs.create(team.id, { modelId: model.id, targetId: 'raspberry-pi-4', target, spec: { version: 1, stages: PLUGINS.length }, stages: PLUGINS });
      if (index % 3 === 2) continue;
      await db.runs.start(team.id, run.id);
      const done = index % 3 === 0 ? PLUGINS.length : 1;
      for (let stage = 0; stage < done; stage += 1) {
        await db.stages.start(team.id, run.id, stage);
        await db.stages.complete(team.id, run.id, stage, { metrics: metricsFor(stage) });
      }
      if (done === PLUGINS.length) await db.runs.succeed(team.id, run.id);
    }
    return { token: secret, runs: count };
  } finally {
    await db.close();
  }
}
