/**
 * Operator lists of NPU compilers and MCU kernel libraries, mapped onto ONNX op types (the names the
 * model summary uses). Each vendor publishes its list in its own operator vocabulary (TFLite builtins,
 * QNN ops, MIL ops); the mapping below is ours, and each list says where the original comes from.
 *
 * Every list includes BatchNormalization where Conv is supported: converters fold it into the
 * preceding convolution before the model reaches the device. QuantizeLinear/DequantizeLinear are how
 * an ONNX QDQ model marks its quantized tensors; converters turn them into quantized tensor types.
 */

/**
 * Coral Edge TPU, "Supported operations" table of coral.ai/docs/edgetpu/models-intro (TFLite ops):
 * Add, AveragePool2d, Concatenation, Conv2d, DepthwiseConv2d, ExpandDims, FullyConnected,
 * L2Normalization, Logistic, LSTM, Maximum, MaxPool2d, Mean, Minimum, Mul, Pack, Pad, PReLU,
 * Quantize, ReduceMax, ReduceMin, ReLU, ReLU6, ReLUN1To1, Reshape, ResizeBilinear,
 * ResizeNearestNeighbor, Rsqrt, Slice, Softmax, SpaceToDepth, Split, Squeeze, StridedSlice, Sub,
 * Sum, Squared-difference, Tanh, Transpose, TransposeConv.
 */
export const EDGE_TPU_OPS = [
  'Add',
  'AveragePool',
  'GlobalAveragePool', // Mean over the spatial axes
  'BatchNormalization',
  'Clip', // ReLU6 / ReLUN1To1
  'Concat',
  'Conv', // Conv2d and DepthwiseConv2d (group == channels)
  'ConvTranspose',
  'DequantizeLinear',
  'Flatten', // Reshape
  'Gemm', // FullyConnected
  'LSTM', // unidirectional only
  'LpNormalization', // L2Normalization
  'MatMul', // FullyConnected with constant weights
  'Max',
  'MaxPool',
  'Min',
  'Mul',
  'PRelu',
  'Pad',
  'QuantizeLinear',
  'ReduceMax',
  'ReduceMean',
  'ReduceMin',
  'ReduceSum',
  'Relu',
  'Reshape',
  'Resize', // bilinear and nearest neighbour
  'Sigmoid', // Logistic
  'Slice',
  'Softmax',
  'SpaceToDepth',
  'Split',
  'Squeeze',
  'Sub',
  'Tanh',
  'Transpose',
  'Unsqueeze', // ExpandDims
] as const;

/**
 * TensorFlow Lite for Microcontrollers builtin kernels (tensorflow/lite/micro/kernels, the
 * `MicroMutableOpResolver` list), restricted to those with an ONNX counterpart.
 */
export const TFLM_OPS = [
  'Abs',
  'Add',
  'ArgMax',
  'ArgMin',
  'AveragePool',
  'BatchNormalization',
  'Cast',
  'Ceil',
  'Clip',
  'Concat',
  'Conv',
  'ConvTranspose',
  'Cos',
  'DepthToSpace',
  'DequantizeLinear',
  'Div',
  'Elu',
  'Equal',
  'Exp',
  'Flatten',
  'Floor',
  'Gather',
  'Gemm',
  'GlobalAveragePool',
  'Greater',
  'HardSwish',
  'LSTM',
  'LeakyRelu',
  'Less',
  'Log',
  'LogSoftmax',
  'LpNormalization',
  'MatMul',
  'Max',
  'MaxPool',
  'Min',
  'Mul',
  'Neg',
  'PRelu',
  'Pad',
  'QuantizeLinear',
  'ReduceMax',
  'ReduceMean',
  'ReduceSum',
  'Relu',
  'Reshape',
  'Resize',
  'Round',
  'Sigmoid',
  'Sin',
  'Slice',
  'Softmax',
  'SpaceToDepth',
  'Split',
  'Sqrt',
  'Squeeze',
  'Sub',
  'Tanh',
  'Transpose',
  'Unsqueeze',
] as const;

/**
 * Kernels CMSIS-NN optimizes for int8 and that TFLM routes to it (github.com/ARM-software/CMSIS-NN:
 * convolution, depthwise convolution, fully connected, pooling, softmax, elementwise add/mul, LSTM,
 * transpose convolution, batch matmul, pad, transpose).
 */
export const CMSIS_NN_OPS = [
  'Add',
  'AveragePool',
  'Conv',
  'ConvTranspose',
  'Gemm',
  'LSTM',
  'MatMul',
  'MaxPool',
  'Mul',
  'Pad',
  'Softmax',
  'Transpose',
] as const;

/**
 * Kernels ESP-NN optimizes for the ESP32-S3 (github.com/espressif/esp-nn: esp_nn_add/mul, conv,
 * depthwise conv, fully connected, avg/max pool, relu6, softmax, all s8).
 */
export const ESP_NN_OPS = ['Add', 'AveragePool', 'Clip', 'Conv', 'Gemm', 'MatMul', 'MaxPool', 'Mul', 'Softmax'] as const;

/**
 * Qualcomm HTP backend through ONNX Runtime's QNN execution provider: the ONNX ops its op builders
 * map to HTP (onnxruntime.ai/docs/execution-providers/QNN-ExecutionProvider.html and the QNN SDK
 * "Supported Operations" table). Not exhaustive; ops missing here run on the CPU provider.
 */
export const QNN_HTP_OPS = [
  'Abs', 'Add', 'And', 'ArgMax', 'ArgMin', 'AveragePool', 'BatchNormalization', 'Cast', 'Ceil', 'Clip',
  'Concat', 'Conv', 'ConvTranspose', 'Cos', 'DepthToSpace', 'DequantizeLinear', 'Div', 'Elu', 'Equal', 'Erf',
  'Exp', 'Expand', 'Flatten', 'Floor', 'Gather', 'Gelu', 'Gemm', 'GlobalAveragePool', 'GlobalMaxPool', 'Greater',
  'GreaterOrEqual', 'GridSample', 'HardSigmoid', 'HardSwish', 'InstanceNormalization', 'LayerNormalization',
  'LeakyRelu', 'Less', 'LessOrEqual', 'Log', 'LogSoftmax', 'LpNormalization', 'LSTM', 'MatMul', 'Max', 'MaxPool',
  'Min', 'Mul', 'Neg', 'Not', 'Or', 'PRelu', 'Pad', 'Pow', 'QuantizeLinear', 'Reciprocal', 'ReduceMax',
  'ReduceMean', 'ReduceMin', 'ReduceProd', 'ReduceSum', 'Relu', 'Reshape', 'Resize', 'Round', 'Sigmoid', 'Sign',
  'Sin', 'Slice', 'Softmax', 'SpaceToDepth', 'Split', 'Sqrt', 'Squeeze', 'Sub', 'Tanh', 'Tile', 'TopK',
  'Transpose', 'Unsqueeze', 'Where',
] as const;

/**
 * Apple Neural Engine through Core ML. Apple publishes no per-op list for the Neural Engine; this is
 * the conservative set of layer types that Apple's "Deploying Transformers on the Apple Neural
 * Engine" and the coremltools guides show running on it. Everything else Core ML places on the GPU
 * or CPU.
 */
export const APPLE_NEURAL_ENGINE_OPS = [
  'Add', 'AveragePool', 'BatchNormalization', 'Clip', 'Concat', 'Conv', 'ConvTranspose', 'DequantizeLinear', 'Div',
  'Flatten', 'Gelu', 'Gemm', 'GlobalAveragePool', 'HardSigmoid', 'HardSwish', 'InstanceNormalization',
  'LayerNormalization', 'LeakyRelu', 'MatMul', 'Max', 'MaxPool', 'Min', 'Mul', 'PRelu', 'Pad', 'QuantizeLinear',
  'ReduceMax', 'ReduceMean', 'ReduceSum', 'Relu', 'Reshape', 'Resize', 'Sigmoid', 'Slice', 'Softmax', 'Split',
  'Sqrt', 'Squeeze', 'Sub', 'Tanh', 'Transpose', 'Unsqueeze',
] as const;
