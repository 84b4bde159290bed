/**
 * The bridge between a plugin's StageContext and the host. Inside the sandbox every context
 * method becomes `bridge.call('<area>.<method>', args)`; the host dispatches the same names.
 * The method lists below are the protocol: the host refuses any other name.
 */
import type { CalibrationApi, RuntimeApi } from './context/calibration-api';
import type { KernelApi } from './context/kernel-api';
import type { ModelApi } from './context/model-api';
import type { TensorApi } from './context/stage-context';

type AsyncMethods<Api> = { [K in keyof Api as Api[K] extends (...args: never[]) => Promise<unknown> ? K : never]: Api[K] };
type Prefixed<Prefix extends string, Api> = { [K in keyof AsyncMethods<Api> & string as `${Prefix}.${K}`]: AsyncMethods<Api>[K] };

/** Every host method a plugin can reach, by wire name. */
export type HostMethods = Prefixed<'model', ModelApi> &
  Prefixed<'tensors', TensorApi> &
  Prefixed<'kernels', KernelApi> &
  Prefixed<'calibration', CalibrationApi> &
  Prefixed<'runtime', RuntimeApi>;

export type HostMethodName = keyof HostMethods;

// The `satisfies` clauses make these lists complete and exact at compile time.
type Exactly<Api, List extends readonly string[]> = [Exclude<keyof AsyncMethods<Api>, List[number]>] extends [never] ? List : never;

export const MODEL_METHODS = [
  'graph', 'addNode', 'removeNodes', 'setAttributes', 'setNodeInputs', 'setNodeOutputs', 'setWeight', 'removeWeights',
  'replaceUses', 'uniqueName', 'ensureOpset', 'setValueInfo', 'removeUnused', 'check', 'snapshot', 'restore',
] as const satisfies readonly (keyof ModelApi)[];
export const TENSOR_METHODS = ['read', 'write', 'release'] as const satisfies readonly (keyof TensorApi)[];
export const KERNEL_METHODS = [
  'quantize', 'dequantize', 'quantizeBinary', 'quantizeMatMulNBits', 'magnitudeThreshold', 'magnitudePrune', 'nmPrune',
  'channelImportance', 'csrPack', 'kmeans', 'huffmanCodeLengths', 'lowRank', 'tucker2',
] as const satisfies readonly (keyof KernelApi)[];
export const CALIBRATION_METHODS = ['inputs', 'ranges', 'activations'] as const satisfies readonly (keyof CalibrationApi)[];
export const RUNTIME_METHODS = ['evaluate', 'profile'] as const satisfies readonly (keyof RuntimeApi)[];

const complete: [
  Exactly<ModelApi, typeof MODEL_METHODS>,
  Exactly<TensorApi, typeof TENSOR_METHODS>,
  Exactly<KernelApi, typeof KERNEL_METHODS>,
  Exactly<CalibrationApi, typeof CALIBRATION_METHODS>,
  Exactly<RuntimeApi, typeof RUNTIME_METHODS>,
] = [MODEL_METHODS, TENSOR_METHODS, KERNEL_METHODS, CALIBRATION_METHODS, RUNTIME_METHODS];

export const HOST_METHOD_NAMES: readonly HostMethodName[] = Object.freeze([
  ...complete[0].map((m) => `model.${m}` as const),
  ...complete[1].map((m) => `tensors.${m}` as const),
  ...complete[2].map((m) => `kernels.${m}` as const),
  ...complete[3].map((m) => `calibration.${m}` as const),
  ...complete[4].map((m) => `runtime.${m}` as const),
]);

export function isHostMethodName(value: unknown): value is HostMethodName {
  return typeof value === 'string' && (HOST_METHOD_NAMES as readonly string[]).includes(value);
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** What the sandbox runtime needs from its host. */
export interface HostBridge {
  call(method: HostMethodName, args: readonly unknown[]): Promise<unknown>;
  progress(fraction: number, message: string | undefined): void;
  log(level: LogLevel, message: string, fields: Readonly<Record<string, unknown>> | undefined): void;
  isAborted(): boolean;
}
