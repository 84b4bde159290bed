// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tucker2ConvArgs as _edgepress_kernels_v1_Tucker2ConvArgs, Tucker2ConvArgs__Output as _edgepress_kernels_v1_Tucker2ConvArgs__Output } from '../../../edgepress/kernels/v1/Tucker2ConvArgs';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface Tucker2ConvRequest {
  'args'?: (_edgepress_kernels_v1_Tucker2ConvArgs | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "args"|"chunk";
}

export interface Tucker2ConvRequest__Output {
  'args'?: (_edgepress_kernels_v1_Tucker2ConvArgs__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "args"|"chunk";
}
