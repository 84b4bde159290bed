import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { inferShapes, readModel, writeModel, type OnnxModel, type ShapeInference } from '@edgepress/onnx';
import type { Batch } from '../data/batch';
import type { Dataset } from '../data/sample';
import { OrtModelSession, type OutputTensor, type SessionSettings } from './ort-session';
import { runDataset } from './run-dataset';

export interface CaptureOptions {
  /** Samples per run (default 1). */
  readonly batchSize?: number;
  readonly session?: SessionSettings;
}

export interface CapturedBatch {
  readonly batch: Batch;
  /** The captured tensors of this batch, by name. */
  readonly values: Readonly<Record<string, OutputTensor>>;
}

function bad(message: string): EdgepressError {
  return new EdgepressError(ErrorCode.BAD_USER_INPUT, message);
}

/**
 * A copy of the model in which the named intermediate tensors of the main graph are also graph
 * outputs, so that ONNX Runtime returns them. Names that are outputs already are left alone.
 */
export function exposeTensors(modelBytes: Uint8Array, names: readonly string[]): Uint8Array {
  if (!Array.isArray(names) || names.length === 0) throw bad('Expected at least one tensor name to capture');
  const model = readModel(modelBytes);
  const graph = model.graph;
  const outputs = new Set(graph.outputs.map((output) => output.name));
  const inputs = new Set(graph.inputs.map((input) => input.name));
  let inference: ShapeInference | undefined;
  for (const name of new Set(names)) {
    if (typeof name !== 'string' || name === '') throw bad('Expected non-empty tensor names to capture');
    if (outputs.has(name)) continue;
    if (inputs.has(name)) throw bad(`'${name}' is a graph input: its values are the inputs themselves`);
    if (graph.producer(name) === undefined) throw bad(`No node of the main graph produces a tensor named '${name}'`);
    const elemType = graph.valueType(name)?.elemType ?? (inference ??= inferShapes(model)).values.get(name)?.elemType;
    if (elemType === undefined || elemType === 0) throw bad(`The element type of tensor '${name}' is unknown, so it cannot be declared as an output`);
    declareOutput(model, name, elemType);
  }
  return writeModel(model);
}

/** setValueInfo records the type in value_info; the entry then moves to the graph outputs, shape left to ONNX Runtime. */
function declareOutput(model: OnnxModel, name: string, elemType: number): void {
  const graph = model.graph;
  graph.setValueInfo(name, elemType, null);
  const list = graph.proto.valueInfo;
  const index = list.findIndex((info) => info.name === name);
  const [info] = list.splice(index, 1);
  graph.proto.output.push(info);
  model.invalidate();
}

/**
 * Runs the model over a dataset and yields the values of the named tensors batch by batch: the
 * caller consumes one batch before the next is computed, so memory stays bounded by one batch
 * (calibration statistics are accumulated by the consumer).
 */
export async function* captureActivations(modelBytes: Uint8Array, names: readonly string[], dataset: Dataset, options: CaptureOptions = {}): AsyncGenerator<CapturedBatch> {
  const session = await OrtModelSession.create(exposeTensors(modelBytes, names), options.session);
  try {
    const wanted = [...new Set(names)];
    for await (const { batch, outputs } of runDataset(session, dataset, { batchSize: options.batchSize, outputNames: wanted })) {
      yield { batch, values: outputs };
    }
  } finally {
    await session.release();
  }
}
