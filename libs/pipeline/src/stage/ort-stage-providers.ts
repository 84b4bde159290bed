/**
 * StageProviders (the runtime behind `ctx.calibration` and `ctx.runtime`) with onnxruntime-node:
 * calibration batches from a CalibrationSet; activations by exposing the named values as outputs
 * (graph inputs come straight from the batch), one batch at a time; evaluate as fidelity of the
 * current model against the stage's input model on the calibration batches (the input model's
 * outputs are kept per batch up to a byte cap, then recomputed); profile as host latency plus
 * ONNX Runtime's per-node times at the session's optimization level (node names are those ONNX
 * Runtime executed: fused nodes carry its names). Tests: ort-stage-providers.test.ts.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { StageProviders } from '@edgepress/plugin-host';
import type { Fidelity, NodeProfile as SdkNodeProfile } from '@edgepress/plugin-sdk';
import type { Tensor } from '@edgepress/onnx';
import { randomDataset } from '../data/random-dataset';
import { datasetFromSamples, type SampleTensor } from '../data/sample';
import { captureActivations } from '../evaluate/capture-activations';
import { FidelityAccumulator, type FidelityOptions } from '../evaluate/fidelity';
import { measureLatency } from '../evaluate/latency';
import { OrtModelSession, type OutputTensor, type SessionSettings } from '../evaluate/ort-session';
import { profileModel } from '../evaluate/profile';
import type { CalibrationSet } from './calibration-set';
import { toOnnxTensor } from './runtime-tensors';

export interface OrtStageProvidersOptions {
  /** The model the stage starts from: runtime.evaluate compares against it. */
  readonly inputModel: Uint8Array;
  readonly calibration?: CalibrationSet;
  readonly session?: SessionSettings;
  readonly fidelity?: FidelityOptions;
  /** Bytes of the input model's outputs kept for evaluate (default 256 MiB). */
  readonly maxReferenceBytes?: number;
}

export interface OrtStageProviders extends StageProviders {
  /** Releases the input model's session. */
  dispose(): Promise<void>;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new EdgepressError(ErrorCode.CANCELLED, 'The stage was cancelled');
}

function outputBytes(outputs: Readonly<Record<string, OutputTensor>>): number {
  return Object.values(outputs).reduce((sum, tensor) => sum + ((tensor.data as { byteLength?: number }).byteLength ?? tensor.size * 8), 0);
}

export function createOrtStageProviders(options: OrtStageProvidersOptions): OrtStageProviders {
  const samples = options.calibration?.samples ?? [];
  const settings = options.session ?? {};
  let reference: Promise<OrtModelSession> | undefined;
  const referenceOutputs = new Map<number, Readonly<Record<string, OutputTensor>>>();
  let referenceBytes = 0;
  const maxReferenceBytes = options.maxReferenceBytes ?? 256 * 1024 * 1024;

  const referenceSession = () => (reference ??= OrtModelSession.create(options.inputModel, settings));
  const feedsOf = (index: number) => samples[index].inputs;

  async function referenceFor(index: number): Promise<Readonly<Record<string, OutputTensor>>> {
    const kept = referenceOutputs.get(index);
    if (kept !== undefined) return kept;
    const outputs = await (await referenceSession()).run(feedsOf(index));
    const bytes = outputBytes(outputs);
    if (referenceBytes + bytes <= maxReferenceBytes) {
      referenceOutputs.set(index, outputs);
      referenceBytes += bytes;
    }
    return outputs;
  }

  async function profileFeeds(model: Uint8Array): Promise<Readonly<Record<string, SampleTensor>>> {
    if (samples.length > 0) return feedsOf(0);
    const session = await OrtModelSession.create(model, settings);
    try {
      const inputShapes = Object.fromEntries(session.inputs.map((input) => [input.name, (input.shape ?? []).map((dim) => (typeof dim === 'number' ? dim : 1))]));
      for await (const sample of randomDataset(session.inputs, { count: 1, inputShapes }).samples()) return sample.inputs;
    } finally {
      await session.release();
    }
    throw new EdgepressError(ErrorCode.INTERNAL, 'A one-sample random dataset yielded no sample');
  }

  return {
    calibrationBatches: samples.length,

    async calibrationInputs(index) {
      const feeds = feedsOf(index);
      return Object.fromEntries(Object.entries(feeds).map(([name, tensor]) => [name, toOnnxTensor(tensor, name)]));
    },

    async *activations(model, names, { maxBatches, signal }) {
      const batches = samples.slice(0, maxBatches);
      const inputNames = new Set(Object.keys(batches[0]?.inputs ?? {}));
      const inner = names.filter((name) => !inputNames.has(name));
      const fromInputs = names.filter((name) => inputNames.has(name));
      const values = (index: number, captured: Readonly<Record<string, OutputTensor>>): Record<string, Tensor> => {
        const result: Record<string, Tensor> = {};
        for (const name of fromInputs) result[name] = toOnnxTensor(batches[index].inputs[name], name);
        for (const name of inner) result[name] = toOnnxTensor(captured[name], name);
        return result;
      };
      if (inner.length === 0) {
        for (let index = 0; index < batches.length; index++) {
          throwIfAborted(signal);
          yield values(index, {});
        }
        return;
      }
      let index = 0;
      for await (const { values: captured } of captureActivations(model, inner, datasetFromSamples(batches), { session: settings })) {
        throwIfAborted(signal);
        yield values(index++, captured);
      }
    },

    async evaluate(model, { batches, signal }): Promise<Fidelity> {
      const candidate = await OrtModelSession.create(model, settings);
      try {
        const fidelity = new FidelityAccumulator(options.fidelity);
        for (let index = 0; index < Math.min(batches, samples.length); index++) {
          throwIfAborted(signal);
          fidelity.add(await referenceFor(index), await candidate.run(feedsOf(index)), 1);
        }
        const result = fidelity.result();
        return { cosine: result.cosine, sqnrDb: result.sqnrDb, top1Agreement: result.top1Agreement };
      } finally {
        await candidate.release();
      }
    },

    async profile(model, { runs, signal }): Promise<SdkNodeProfile> {
      const feeds = await profileFeeds(model);
      throwIfAborted(signal);
      const session = await OrtModelSession.create(model, settings);
      let latencyMs: number;
      try {
        latencyMs = (await measureLatency(session, feeds, { warmupRuns: 1, runs })).medianMs;
      } finally {
        await session.release();
      }
      throwIfAborted(signal);
      const nodes: Record<string, number> = {};
      for (const node of await profileModel(model, feeds, { warmupRuns: 1, runs, session: settings })) nodes[node.node] = node.medianUs / 1000;
      return { latencyMs, nodes };
    },

    async dispose() {
      referenceOutputs.clear();
      if (reference !== undefined) await (await reference).release();
      reference = undefined;
    },
  };
}
