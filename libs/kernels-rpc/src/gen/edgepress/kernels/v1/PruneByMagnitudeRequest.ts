// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { PruneByMagnitudeArgs as _edgepress_kernels_v1_PruneByMagnitudeArgs, PruneByMagnitudeArgs__Output as _edgepress_kernels_v1_PruneByMagnitudeArgs__Output } from '../../../edgepress/kernels/v1/PruneByMagnitudeArgs';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface PruneByMagnitudeRequest {
  'args'?: (_edgepress_kernels_v1_PruneByMagnitudeArgs | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "args"|"chunk";
}

export interface PruneByMagnitudeRequest__Output {
  'args'?: (_edgepress_kernels_v1_PruneByMagnitudeArgs__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "args"|"chunk";
}
