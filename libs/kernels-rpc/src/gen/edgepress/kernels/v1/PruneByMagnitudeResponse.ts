// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { MaskedTensorList as _edgepress_kernels_v1_MaskedTensorList, MaskedTensorList__Output as _edgepress_kernels_v1_MaskedTensorList__Output } from '../../../edgepress/kernels/v1/MaskedTensorList';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface PruneByMagnitudeResponse {
  'result'?: (_edgepress_kernels_v1_MaskedTensorList | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "result"|"chunk";
}

export interface PruneByMagnitudeResponse__Output {
  'result'?: (_edgepress_kernels_v1_MaskedTensorList__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "result"|"chunk";
}
