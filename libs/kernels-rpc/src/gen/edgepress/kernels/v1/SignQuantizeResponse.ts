// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { SignQuantizeResult as _edgepress_kernels_v1_SignQuantizeResult, SignQuantizeResult__Output as _edgepress_kernels_v1_SignQuantizeResult__Output } from '../../../edgepress/kernels/v1/SignQuantizeResult';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface SignQuantizeResponse {
  'result'?: (_edgepress_kernels_v1_SignQuantizeResult | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "result"|"chunk";
}

export interface SignQuantizeResponse__Output {
  'result'?: (_edgepress_kernels_v1_SignQuantizeResult__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "result"|"chunk";
}
