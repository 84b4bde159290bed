/**
 * When each default-domain ONNX operator changed (its schema "since versions"), up to opset 21,
 * and the IR version each opset needs. Versions up to 17 are checked against Debian's python
 * onnx 1.12 at test time (op-versions.test.ts); 18 to 21 follow the ONNX changelog.
 */
const TABLE = `
Abs:1,6,13 Acos:7 Acosh:9 Add:1,6,7,13,14 AffineGrid:20 And:1,7 ArgMax:1,11,12,13 ArgMin:1,11,12,13 Asin:7
Asinh:9 Atan:7 Atanh:9 AveragePool:1,7,10,11,19 BatchNormalization:1,6,7,9,14,15 Bernoulli:15 BitShift:11
BitwiseAnd:18 BitwiseNot:18 BitwiseOr:18 BitwiseXor:18 BlackmanWindow:17 Cast:1,6,9,13,19,21 CastLike:15,19,21
Ceil:1,6,13 Celu:12 CenterCropPad:18 Clip:1,6,11,12,13 Col2Im:18 Compress:9,11 Concat:1,4,11,13
ConcatFromSequence:11 Constant:1,9,11,12,13,19,21 ConstantOfShape:9,20,21 Conv:1,11 ConvInteger:10
ConvTranspose:1,11 Cos:7 Cosh:9 CumSum:11,14 DFT:17,20 DeformConv:19 DepthToSpace:1,11,13
DequantizeLinear:10,13,19,21 Det:11 Div:1,6,7,13,14 Dropout:1,6,7,10,12,13 DynamicQuantizeLinear:11 Einsum:12
Elu:1,6 Equal:1,7,11,13,19 Erf:9,13 Exp:1,6,13 Expand:8,13 EyeLike:9 Flatten:1,9,11,13,21 Floor:1,6,13
GRU:1,3,7,14 Gather:1,11,13 GatherElements:11,13 GatherND:11,12,13 Gelu:20 Gemm:1,6,7,9,11,13
GlobalAveragePool:1 GlobalLpPool:1,2 GlobalMaxPool:1 Greater:1,7,9,13 GreaterOrEqual:12,16 GridSample:16,20
GroupNormalization:18,21 HammingWindow:17 HannWindow:17 HardSigmoid:1,6 HardSwish:14 Hardmax:1,11,13
Identity:1,13,14,16,19,21 If:1,11,13,16,19,21 ImageDecoder:20 InstanceNormalization:1,6 IsInf:10,20
IsNaN:9,13,20 LRN:1,13 LSTM:1,7,14 LayerNormalization:17 LeakyRelu:1,6,16 Less:1,7,9,13 LessOrEqual:12,16
Log:1,6,13 LogSoftmax:1,11,13 Loop:1,11,13,16,19,21 LpNormalization:1 LpPool:1,2,11,18 MatMul:1,9,13
MatMulInteger:10 Max:1,6,8,12,13 MaxPool:1,8,10,11,12 MaxRoiPool:1 MaxUnpool:9,11 Mean:1,6,8,13
MeanVarianceNormalization:9,13 MelWeightMatrix:17 Min:1,6,8,12,13 Mish:18 Mod:10,13 Mul:1,6,7,13,14
Multinomial:7 Neg:1,6,13 NegativeLogLikelihoodLoss:12,13 NonMaxSuppression:10,11 NonZero:9,13 Not:1
OneHot:9,11 Optional:15 OptionalGetElement:15,18 OptionalHasElement:15,18 Or:1,7 PRelu:1,6,7,9,16
Pad:1,2,11,13,18,19,21 Pow:1,7,12,13,15 QLinearConv:10 QLinearMatMul:10,21 QuantizeLinear:10,13,19,21
RNN:1,7,14 RandomNormal:1 RandomNormalLike:1 RandomUniform:1 RandomUniformLike:1 Range:11 Reciprocal:1,6,13
ReduceL1:1,11,13,18 ReduceL2:1,11,13,18 ReduceLogSum:1,11,13,18 ReduceLogSumExp:1,11,13,18
ReduceMax:1,11,12,13,18,20 ReduceMean:1,11,13,18 ReduceMin:1,11,12,13,18,20 ReduceProd:1,11,13,18
ReduceSum:1,11,13 ReduceSumSquare:1,11,13,18 RegexFullMatch:20 Relu:1,6,13,14 Reshape:1,5,13,14,19,21
Resize:10,11,13,18,19 ReverseSequence:10 RoiAlign:10,16 Round:11 STFT:17 Scan:8,9,11,16,19,21 Scatter:9,11
ScatterElements:11,13,16,18 ScatterND:11,13,16,18 Selu:1,6 SequenceAt:11 SequenceConstruct:11 SequenceEmpty:11
SequenceErase:11 SequenceInsert:11 SequenceLength:11 SequenceMap:17 Shape:1,13,15,19,21 Shrink:9
Sigmoid:1,6,13 Sign:9,13 Sin:7 Sinh:9 Size:1,13,19,21 Slice:1,10,11,13 Softmax:1,11,13
SoftmaxCrossEntropyLoss:12,13 Softplus:1 Softsign:1 SpaceToDepth:1,13 Split:1,2,11,13,18 SplitToSequence:11
Sqrt:1,6,13 Squeeze:1,11,13,21 StringConcat:20 StringNormalizer:10 StringSplit:20 Sub:1,6,7,13,14 Sum:1,6,8,13
Tan:7 Tanh:1,6,13 TfIdfVectorizer:9 ThresholdedRelu:10 Tile:1,6,13 TopK:1,10,11 Transpose:1,13,21 Trilu:14
Unique:11 Unsqueeze:1,11,13,21 Upsample:1,7,9,10 Where:9,16 Xor:1,7
`;

/** Highest default-domain opset this package knows how to raise to. */
export const MAX_KNOWN_OPSET = 21;

export const OP_VERSIONS: ReadonlyMap<string, readonly number[]> = new Map(
  TABLE.trim()
    .split(/\s+/)
    .map((entry) => {
      const [name, versions] = entry.split(':');
      return [name, versions.split(',').map(Number)] as const;
    }),
);

/** Deprecated operators: from this opset on they no longer exist. */
export const DEPRECATED_AT: ReadonlyMap<string, number> = new Map([
  ['Upsample', 10],
  ['Scatter', 11],
]);

/** The schema version in effect for an operator at an opset, or undefined when it does not exist there. */
export function schemaVersion(opType: string, opset: number): number | undefined {
  const versions = OP_VERSIONS.get(opType);
  if (versions === undefined) return undefined;
  const deprecated = DEPRECATED_AT.get(opType);
  if (deprecated !== undefined && opset >= deprecated) return undefined;
  let found: number | undefined;
  for (const version of versions) if (version <= opset) found = version;
  return found;
}

/** Minimum IR version for a default-domain opset (from the ONNX release table). */
export function irVersionForOpset(opset: number): number {
  if (opset <= 8) return 3;
  if (opset === 9) return 4;
  if (opset === 10) return 5;
  if (opset === 11) return 6;
  if (opset <= 14) return 7;
  if (opset <= 18) return 8;
  if (opset <= 20) return 9;
  return 10;
}
