// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { MaskedTensor as _edgepress_kernels_v1_MaskedTensor, MaskedTensor__Output as _edgepress_kernels_v1_MaskedTensor__Output } from '../../../edgepress/kernels/v1/MaskedTensor';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface NmMaskResponse {
  'result'?: (_edgepress_kernels_v1_MaskedTensor | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "result"|"chunk";
}

export interface NmMaskResponse__Output {
  'result'?: (_edgepress_kernels_v1_MaskedTensor__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "result"|"chunk";
}
