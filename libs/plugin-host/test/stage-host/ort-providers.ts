/**
 * A small StageProviders over onnxruntime-node for the stage host's tests (libs/pipeline has the
 * real one): calibration batches held in memory, activations by exposing the named values as graph
 * outputs, and evaluate/profile that record their calls and answer fixed figures.
 */
import { createTensor, inferShapes, readModel, writeModel, type Tensor } from '@edgepress/onnx';
import type { Fidelity, NodeProfile } from '@edgepress/plugin-sdk';
import * as ort from 'onnxruntime-node';
import type { StageProviders } from '../../src/stage-host/stage-providers';

export interface RecordingProviders extends StageProviders {
  readonly calls: string[];
  /** Most batches held in memory by one activations() consumer at once. */
  readonly maxBatchesInFlight: number;
}

function exposed(model: Uint8Array, names: readonly string[]): Uint8Array {
  const onnx = readModel(model);
  const types = inferShapes(onnx).values;
  for (const name of names) {
    if (onnx.graph.outputs.some((output) => output.name === name)) continue;
    onnx.graph.addOutput(name, types.get(name)?.elemType ?? 1, null);
  }
  return writeModel(onnx);
}

export function ortProviders(batches: readonly Record<string, { dims: number[]; data: Float32Array }>[]): RecordingProviders {
  const calls: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  return {
    calls,
    get maxBatchesInFlight() {
      return maxInFlight;
    },
    calibrationBatches: batches.length,
    async calibrationInputs(index) {
      calls.push(`inputs ${index}`);
      return Object.fromEntries(Object.entries(batches[index]).map(([name, feed]) => [name, createTensor({ dataType: 'float', dims: feed.dims, data: feed.data })]));
    },
    async *activations(model, names, options) {
      calls.push(`activations ${names.join(',')} ${options.maxBatches}`);
      const session = await ort.InferenceSession.create(exposed(model, names), { executionProviders: ['cpu'], logSeverityLevel: 3 });
      try {
        for (const batch of batches.slice(0, options.maxBatches)) {
          const feeds = Object.fromEntries(Object.entries(batch).map(([name, feed]) => [name, new ort.Tensor('float32', feed.data, feed.dims)]));
          const outputs = await session.run(feeds, [...names]);
          const values: Record<string, Tensor> = {};
          for (const name of names) values[name] = createTensor({ dataType: 'float', dims: [...outputs[name].dims], data: outputs[name].data as Float32Array });
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          yield values;
          inFlight -= 1;
        }
      } finally {
        await session.release();
      }
    },
    async evaluate(_model, options): Promise<Fidelity> {
      calls.push(`evaluate ${options.batches}`);
      return { cosine: 0.5, sqnrDb: 10, top1Agreement: 1 };
    },
    async profile(_model, options): Promise<NodeProfile> {
      calls.push(`profile ${options.runs}`);
      return { latencyMs: 1, nodes: { conv: 0.5 } };
    },
  };
}
