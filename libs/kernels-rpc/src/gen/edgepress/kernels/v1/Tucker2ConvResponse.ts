// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tucker2ConvResult as _edgepress_kernels_v1_Tucker2ConvResult, Tucker2ConvResult__Output as _edgepress_kernels_v1_Tucker2ConvResult__Output } from '../../../edgepress/kernels/v1/Tucker2ConvResult';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface Tucker2ConvResponse {
  'result'?: (_edgepress_kernels_v1_Tucker2ConvResult | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "result"|"chunk";
}

export interface Tucker2ConvResponse__Output {
  'result'?: (_edgepress_kernels_v1_Tucker2ConvResult__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "result"|"chunk";
}
