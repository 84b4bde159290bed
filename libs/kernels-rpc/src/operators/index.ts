/** Every operator codec, by RPC name and by KernelService method. */
import type { KernelMethod } from '../kernel-service';
import { huffmanCodeCodec, kmeansClusterCodec } from './clustering';
import { dynamicQuantizeMatmulCodec, matmulIntegerCodec, matmulIntegerToFloatCodec, packInt8WeightsCodec, qlinearMatmulCodec } from './gemm';
import { matmulNBitsCodec, quantizeInt4WeightsCodec } from './gemm-int4';
import { lowRankFactorsCodec, truncatedSvdCodec, tucker2ConvCodec } from './low-rank';
import type { AnyOperatorCodec } from './operator-codec';
import { dequantizeSignedCodec, quantizeBinaryCodec, quantizeTernaryCodec } from './sign-quantization';
import { dequantizeLinearCodec, quantizeLinearCodec, quantizeTensorCodec, tensorMinMaxCodec } from './quantization';
import {
  applyMagnitudeMaskCodec,
  channelImportanceCodec,
  csrMatmulCodec,
  magnitudeThresholdCodec,
  matmulDenseCscCodec,
  nmMaskCodec,
  packCscCodec,
  packCsrCodec,
  pruneByMagnitudeCodec,
  unpackCscCodec,
  unpackCsrCodec,
} from './sparse';

export const OPERATOR_CODECS: readonly AnyOperatorCodec[] = [
  quantizeLinearCodec,
  dequantizeLinearCodec,
  tensorMinMaxCodec,
  quantizeTensorCodec,
  quantizeBinaryCodec,
  quantizeTernaryCodec,
  dequantizeSignedCodec,
  packInt8WeightsCodec,
  matmulIntegerCodec,
  matmulIntegerToFloatCodec,
  qlinearMatmulCodec,
  dynamicQuantizeMatmulCodec,
  quantizeInt4WeightsCodec,
  matmulNBitsCodec,
  magnitudeThresholdCodec,
  applyMagnitudeMaskCodec,
  pruneByMagnitudeCodec,
  nmMaskCodec,
  channelImportanceCodec,
  packCsrCodec,
  packCscCodec,
  unpackCsrCodec,
  unpackCscCodec,
  csrMatmulCodec,
  matmulDenseCscCodec,
  kmeansClusterCodec,
  huffmanCodeCodec,
  truncatedSvdCodec,
  lowRankFactorsCodec,
  tucker2ConvCodec,
];

export function codecFor(method: KernelMethod): AnyOperatorCodec {
  const codec = OPERATOR_CODECS.find((c) => c.method === method);
  if (codec === undefined) throw new Error(`No codec for ${method}`);
  return codec;
}

export type { AnyOperatorCodec } from './operator-codec';
