// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { QlinearMatmulArgs as _edgepress_kernels_v1_QlinearMatmulArgs, QlinearMatmulArgs__Output as _edgepress_kernels_v1_QlinearMatmulArgs__Output } from '../../../edgepress/kernels/v1/QlinearMatmulArgs';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface QlinearMatmulRequest {
  'args'?: (_edgepress_kernels_v1_QlinearMatmulArgs | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "args"|"chunk";
}

export interface QlinearMatmulRequest__Output {
  'args'?: (_edgepress_kernels_v1_QlinearMatmulArgs__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "args"|"chunk";
}
