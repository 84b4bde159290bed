// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { CsrMatmulArgs as _edgepress_kernels_v1_CsrMatmulArgs, CsrMatmulArgs__Output as _edgepress_kernels_v1_CsrMatmulArgs__Output } from '../../../edgepress/kernels/v1/CsrMatmulArgs';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface CsrMatmulRequest {
  'args'?: (_edgepress_kernels_v1_CsrMatmulArgs | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "args"|"chunk";
}

export interface CsrMatmulRequest__Output {
  'args'?: (_edgepress_kernels_v1_CsrMatmulArgs__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "args"|"chunk";
}
