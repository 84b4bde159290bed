// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { DequantizeSignedArgs as _edgepress_kernels_v1_DequantizeSignedArgs, DequantizeSignedArgs__Output as _edgepress_kernels_v1_DequantizeSignedArgs__Output } from '../../../edgepress/kernels/v1/DequantizeSignedArgs';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface DequantizeSignedRequest {
  'args'?: (_edgepress_kernels_v1_DequantizeSignedArgs | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "args"|"chunk";
}

export interface DequantizeSignedRequest__Output {
  'args'?: (_edgepress_kernels_v1_DequantizeSignedArgs__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "args"|"chunk";
}
