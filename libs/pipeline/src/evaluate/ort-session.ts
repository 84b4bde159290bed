import { EdgepressError, ErrorCode } from '@edgepress/errors';
import * as ort from 'onnxruntime-node';
import type { ModelInput } from '../data/model-inputs';
import type { SampleDataType, SampleTensor } from '../data/sample';

export type GraphOptimizationLevel = 'disabled' | 'basic' | 'extended' | 'all';

export interface SessionSettings {
  /**
   * Threads for one operator (default 1). One thread gives latency figures that are comparable
   * between runs on a shared machine; raise it to measure what the host can do.
   */
  readonly intraOpThreads?: number;
  /** Graph optimization level (default 'all', what a deployment would use). */
  readonly graphOptimizationLevel?: GraphOptimizationLevel;
  /**
   * `session.qdq_matmulnbits_accuracy_level` (default '0'). At level 'all' ONNX Runtime fuses int4
   * block-wise DequantizeLinear+MatMul into MatMulNBits with accuracy level 4, which drifts by about
   * 1e-2; '0' keeps the product exact, so that fidelity measures the quantization and not the kernel.
   */
  readonly matmulNBitsAccuracyLevel?: 0 | 1 | 2 | 3 | 4;
  /** Writes ONNX Runtime's profile (see profile.ts); the file name starts with this prefix. */
  readonly profileFilePrefix?: string;
}

export type OutputTensor = ort.Tensor;

const OPTIMIZATION_LEVELS: readonly GraphOptimizationLevel[] = ['disabled', 'basic', 'extended', 'all'];

function checkSettings(settings: SessionSettings): void {
  const threads = settings.intraOpThreads ?? 1;
  if (!Number.isSafeInteger(threads) || threads < 0 || threads > 1024) throw invalid(`Expected intraOpThreads to be an integer in [0, 1024] (0: ONNX Runtime's default) but received ${threads}`);
  const level = settings.graphOptimizationLevel ?? 'all';
  if (!OPTIMIZATION_LEVELS.includes(level)) throw invalid(`Expected graphOptimizationLevel to be one of ${OPTIMIZATION_LEVELS.join(', ')} but received ${JSON.stringify(level)}`);
  const accuracy = settings.matmulNBitsAccuracyLevel ?? 0;
  if (![0, 1, 2, 3, 4].includes(accuracy)) throw invalid(`Expected matmulNBitsAccuracyLevel in 0..4 but received ${accuracy}`);
}

function invalid(message: string): EdgepressError {
  return new EdgepressError(ErrorCode.INVALID_ARGUMENT, message);
}

/**
 * A model loaded in onnxruntime-node (CPU). Creating one is the check that a stage's output loads
 * in ONNX Runtime: failure is INVALID_MODEL with ONNX Runtime's reason.
 */
export class OrtModelSession {
  readonly inputs: readonly ModelInput[];
  readonly outputNames: readonly string[];

  private constructor(private readonly session: ort.InferenceSession) {
    this.inputs = session.inputMetadata.map((meta) => inputOf(meta));
    this.outputNames = session.outputNames;
  }

  static async create(modelBytes: Uint8Array, settings: SessionSettings = {}): Promise<OrtModelSession> {
    checkSettings(settings);
    const options: ort.InferenceSession.SessionOptions = {
      executionProviders: ['cpu'],
      intraOpNumThreads: settings.intraOpThreads ?? 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: settings.graphOptimizationLevel ?? 'all',
      logSeverityLevel: 3,
      extra: { session: { qdq_matmulnbits_accuracy_level: String(settings.matmulNBitsAccuracyLevel ?? 0) } },
      ...(settings.profileFilePrefix === undefined ? {} : { enableProfiling: true, profileFilePrefix: settings.profileFilePrefix }),
    };
    try {
      return new OrtModelSession(await ort.InferenceSession.create(modelBytes, options));
    } catch (error) {
      throw new EdgepressError(ErrorCode.INVALID_MODEL, `The model does not load in ONNX Runtime: ${(error as Error).message}`, { cause: error });
    }
  }

  /** Runs the model; `feeds` must already be bound to input names (bindSample). */
  async run(feeds: Readonly<Record<string, SampleTensor>>, outputNames?: readonly string[]): Promise<Record<string, OutputTensor>> {
    const tensors: Record<string, ort.Tensor> = {};
    for (const [name, tensor] of Object.entries(feeds)) tensors[name] = new ort.Tensor(tensor.dataType, tensor.data, tensor.dims);
    try {
      return outputNames === undefined ? await this.session.run(tensors) : await this.session.run(tensors, outputNames);
    } catch (error) {
      throw new EdgepressError(ErrorCode.INVALID_MODEL, `ONNX Runtime failed to run the model: ${(error as Error).message}`, { cause: error });
    }
  }

  /** Ends profiling; ONNX Runtime writes its profile file now (see profile.ts). */
  endProfiling(): void {
    this.session.endProfiling();
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

const SAMPLE_TYPES: readonly string[] = ['float32', 'float64', 'float16', 'int64', 'int32', 'int8', 'uint8', 'bool'];

function inputOf(meta: ort.InferenceSession.ValueMetadata): ModelInput {
  if (!meta.isTensor || !SAMPLE_TYPES.includes(meta.type)) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Model input '${meta.name}' is ${meta.isTensor ? `a ${meta.type} tensor` : 'not a tensor'}; datasets can feed ${SAMPLE_TYPES.join(', ')} tensors`);
  }
  const shape = meta.shape.length === 0 ? null : meta.shape.map((dim) => (typeof dim === 'string' ? dim : dim >= 0 ? dim : null));
  return { name: meta.name, dataType: meta.type as SampleDataType, shape };
}
