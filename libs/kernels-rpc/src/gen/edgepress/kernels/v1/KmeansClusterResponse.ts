// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { KmeansClusterResult as _edgepress_kernels_v1_KmeansClusterResult, KmeansClusterResult__Output as _edgepress_kernels_v1_KmeansClusterResult__Output } from '../../../edgepress/kernels/v1/KmeansClusterResult';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface KmeansClusterResponse {
  'result'?: (_edgepress_kernels_v1_KmeansClusterResult | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "result"|"chunk";
}

export interface KmeansClusterResponse__Output {
  'result'?: (_edgepress_kernels_v1_KmeansClusterResult__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "result"|"chunk";
}
