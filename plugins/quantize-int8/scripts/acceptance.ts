/**
 * The issue's acceptance figures for quantize-int8 on the real PP-OCRv4 models: size ratio,
 * fidelity on real inputs (all of them, and those the calibration did not see), ONNX Runtime
 * latency before and after on this machine, and the recognizer's character accuracy.
 *
 *   node --import tsx plugins/quantize-int8/scripts/acceptance.ts [classifier|recognizer|detector ...] [--only=TEXT]
 *
 * --only=TEXT runs only the configurations whose label contains TEXT.
 *
 * Prints one table row and one JSON line per (model, configuration). Mixed precision measures every
 * layer, so a full run takes several minutes (the detector alone about five).
 */
/* eslint-disable @nx/enforce-module-boundaries -- a measurement script, not part of the plugin bundle: it uses the pipeline's metrics as the pipeline report will. */
import os from 'node:os';
import path from 'node:path';
import {
  ctcTextAccuracy,
  datasetFromSamples,
  evaluateModel,
  loadCtcDictionary,
  measureLatency,
  OrtModelSession,
  ReferenceRecorder,
  type Sample,
} from '@edgepress/pipeline';
import { ocrAssetsFolder, ocrModelPath, testPlugin, type OcrModel } from '@edgepress/plugin-sdk/testing';
/* eslint-enable @nx/enforce-module-boundaries */
import plugin from '../src/index';
import { classifierLines, detectorPages, recognizerLines } from '../test/ocr-data';

interface Configuration {
  readonly label: string;
  readonly params: Record<string, unknown>;
}

const STATIC_MIXED = (batches: number, format: 'qdq' | 'qoperator' = 'qdq', fidelity = 0.995, metric: 'cosine' | 'top1Agreement' = 'cosine'): Configuration => ({
  label: `static per-channel${format === 'qoperator' ? ' QOperator' : ''} + mixed precision (${metric === 'cosine' ? '' : 'top-1 agreement '}${fidelity} on calibration) + compact names`,
  params: { mixedPrecision: { enabled: true, fidelity, metric, batches }, compactNames: true, format },
});

const PLAN: Record<OcrModel, { samples: () => Promise<Sample[]>; calibration: number; configurations: Configuration[] }> = {
  // QOperator at 0.995 falls back 19 layers (QDQ: 12); its measured fidelity leaves room for a lower target.
  detector: { samples: () => detectorPages(8), calibration: 4, configurations: [STATIC_MIXED(4), STATIC_MIXED(4, 'qoperator'), STATIC_MIXED(4, 'qoperator', 0.993)] },
  recognizer: {
    samples: () => recognizerLines(48),
    calibration: 8,
    configurations: [
      { label: 'static per-channel (defaults)', params: {} },
      STATIC_MIXED(8),
      { label: 'static per-channel QOperator + compact names', params: { format: 'qoperator', compactNames: true } },
      STATIC_MIXED(8, 'qoperator'),
      STATIC_MIXED(8, 'qoperator', 0.995, 'top1Agreement'),
    ],
  },
  classifier: {
    samples: () => classifierLines(48),
    calibration: 8,
    configurations: [
      { label: 'static per-channel (defaults)', params: {} },
      { label: 'static per-channel + compact names', params: { compactNames: true } },
      { label: 'static per-channel + latency-aware + compact names', params: { latencyAware: true, compactNames: true } },
      { label: 'weight-only per-channel (float activations) + compact names', params: { activations: 'float', compactNames: true } },
      { label: 'static per-channel QOperator', params: { format: 'qoperator' } },
      { label: 'static per-channel QOperator + compact names', params: { format: 'qoperator', compactNames: true } },
      { label: 'static per-channel QOperator + latency-aware + compact names', params: { format: 'qoperator', latencyAware: true, compactNames: true } },
    ],
  },
};

async function fidelityAndTask(reference: Uint8Array, candidate: Uint8Array, samples: readonly Sample[], recognizer: boolean) {
  const dictionary = recognizer ? await loadCtcDictionary(path.join(ocrAssetsFolder(), 'ppocr_keys_v1.txt')) : undefined;
  const task = () => (dictionary === undefined ? undefined : ctcTextAccuracy({ dictionary }));
  const dataset = datasetFromSamples([...samples]);
  const recorder = new ReferenceRecorder();
  const base = await OrtModelSession.create(reference);
  const baseline = await evaluateModel(base, dataset, { recorder, taskMetric: task() });
  await base.release();
  const results: Record<string, unknown> = { baselineTask: baseline.task?.value };
  for (const level of ['all', 'disabled'] as const) {
    const session = await OrtModelSession.create(candidate, { graphOptimizationLevel: level });
    const result = await evaluateModel(session, dataset, { reference: recorder.reference(), taskMetric: task() });
    await session.release();
    results[level] = { cosine: result.fidelity?.cosine, sqnrDb: result.fidelity?.sqnrDb, top1: result.fidelity?.top1Agreement, task: result.task?.value };
  }
  return results;
}

/** Median time to create a session (parse, optimize, prepack), alternating the two models: what loading costs. */
async function loadTimes(reference: Uint8Array, candidate: Uint8Array) {
  const times: Array<[number, number]> = [];
  for (let round = 0; round < 5; round++) {
    const pair = [0, 0] as [number, number];
    for (const [slot, bytes] of [reference, candidate].entries()) {
      const started = performance.now();
      const session = await OrtModelSession.create(bytes);
      pair[slot] = performance.now() - started;
      await session.release();
    }
    times.push(pair);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[2];
  return { fp32LoadMs: median(times.map((pair) => pair[0])), int8LoadMs: median(times.map((pair) => pair[1])) };
}

async function latency(reference: Uint8Array, candidate: Uint8Array, sample: Sample) {
  const load = await loadTimes(reference, candidate);
  const base = await OrtModelSession.create(reference);
  const quant = await OrtModelSession.create(candidate);
  const feeds = { [base.inputs[0].name]: sample.inputs[''] };
  const rounds: Array<[number, number]> = [];
  // Alternating rounds: the machine is shared, so the two models see the same load.
  for (let round = 0; round < 3; round++) {
    const before = await measureLatency(base, feeds, { runs: 20, warmupRuns: 3 });
    const after = await measureLatency(quant, feeds, { runs: 20, warmupRuns: 3 });
    rounds.push([before.medianMs, after.medianMs]);
  }
  await base.release();
  await quant.release();
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[1];
  return { fp32Ms: median(rounds.map((round) => round[0])), int8Ms: median(rounds.map((round) => round[1])), rounds, ...load, loadAverage: os.loadavg()[0] };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
  const named = args.filter((arg) => !arg.startsWith('--'));
  const models = (named.length > 0 ? named : ['classifier', 'recognizer', 'detector']) as OcrModel[];
  for (const name of models) {
    const plan = PLAN[name];
    const samples = await plan.samples();
    for (const configuration of plan.configurations.filter((c) => only === undefined || c.label.includes(only))) {
      const started = performance.now();
      const run = await testPlugin(plugin, {
        model: ocrModelPath(name),
        target: 'xeon-platinum-8280',
        params: configuration.params,
        calibration: datasetFromSamples(samples.slice(0, plan.calibration)),
      });
      const seconds = (performance.now() - started) / 1000;
      const all = await fidelityAndTask(run.input, run.bytes, samples, name === 'recognizer');
      const heldOut = await fidelityAndTask(run.input, run.bytes, samples.slice(plan.calibration), name === 'recognizer');
      const timing = await latency(run.input, run.bytes, samples[0]);
      const row = {
        model: name,
        configuration: configuration.label,
        sizeBytes: [run.input.byteLength, run.bytes.byteLength],
        sizeRatio: run.input.byteLength / run.bytes.byteLength,
        samples: samples.length,
        calibrationSamples: plan.calibration,
        all,
        heldOut,
        latency: timing,
        stageSeconds: seconds,
        summary: run.result?.summary,
      };
      const allAll = all.all as { cosine: number; task?: number };
      console.log(
        `${name.padEnd(10)} | ${configuration.label.padEnd(70)} | ${row.sizeRatio.toFixed(2)}x | cosine ${allAll.cosine.toFixed(4)} (held-out ${(heldOut.all as { cosine: number }).cosine.toFixed(4)})` +
          ` | ${timing.fp32Ms.toFixed(2)} -> ${timing.int8Ms.toFixed(2)} ms | load ${timing.fp32LoadMs.toFixed(0)} -> ${timing.int8LoadMs.toFixed(0)} ms${allAll.task === undefined ? '' : ` | top-1 ${(allAll as { top1?: number }).top1?.toFixed(4)} | chars ${((all.baselineTask as number) * 100).toFixed(2)} % -> ${(allAll.task * 100).toFixed(2)} %`}`,
      );
      console.log(JSON.stringify(row));
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
