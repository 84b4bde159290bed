/**
 * How operators treat the channel axis, for channel-flow analysis. Anything not listed here is
 * unknown: channels reaching it are excluded from pruning.
 */

/** Elementwise on their first input; other inputs (Clip's bounds, ...) are scalars. */
export const UNARY_PASS_THROUGH = new Set([
  'Relu', 'LeakyRelu', 'Elu', 'Selu', 'Celu', 'Sigmoid', 'HardSigmoid', 'HardSwish', 'Tanh', 'Softplus', 'Softsign', 'Abs',
  'Neg', 'Exp', 'Log', 'Sqrt', 'Reciprocal', 'Erf', 'Gelu', 'Mish', 'Identity', 'Floor', 'Ceil', 'Round', 'Sign',
  'ThresholdedRelu', 'Clip', 'Dropout', 'Cast', 'Sin', 'Cos',
]);

/** Elementwise with numpy broadcasting over all inputs. */
export const ELEMENTWISE = new Set(['Add', 'Sub', 'Mul', 'Div', 'Max', 'Min', 'Sum', 'Mean', 'Pow', 'PRelu']);

/** Pool over spatial axes, channels on axis 1. */
export const POOLING = new Set(['MaxPool', 'AveragePool', 'LpPool', 'GlobalAveragePool', 'GlobalMaxPool', 'GlobalLpPool']);

/** Global pools leave spatial dimensions of 1 (so Flatten/Squeeze after them keep channels intact). */
export const GLOBAL_POOLING = new Set(['GlobalAveragePool', 'GlobalMaxPool', 'GlobalLpPool']);

/** Per-channel normalizations: input 0 data, the listed inputs are [C] parameters. */
export const PER_CHANNEL_NORMALIZATION: ReadonlyMap<string, readonly number[]> = new Map([
  ['BatchNormalization', [1, 2, 3, 4]],
  ['InstanceNormalization', [1, 2]],
]);

/** Spatial resampling: the channel axis must be left as is. */
export const RESAMPLING = new Set(['Resize', 'Upsample']);
