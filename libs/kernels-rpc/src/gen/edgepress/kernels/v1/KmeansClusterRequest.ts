// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { KmeansClusterArgs as _edgepress_kernels_v1_KmeansClusterArgs, KmeansClusterArgs__Output as _edgepress_kernels_v1_KmeansClusterArgs__Output } from '../../../edgepress/kernels/v1/KmeansClusterArgs';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface KmeansClusterRequest {
  'args'?: (_edgepress_kernels_v1_KmeansClusterArgs | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "args"|"chunk";
}

export interface KmeansClusterRequest__Output {
  'args'?: (_edgepress_kernels_v1_KmeansClusterArgs__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "args"|"chunk";
}
