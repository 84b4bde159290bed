// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { MatmulIntegerToFloatArgs as _edgepress_kernels_v1_MatmulIntegerToFloatArgs, MatmulIntegerToFloatArgs__Output as _edgepress_kernels_v1_MatmulIntegerToFloatArgs__Output } from '../../../edgepress/kernels/v1/MatmulIntegerToFloatArgs';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';

export interface MatmulIntegerToFloatRequest {
  'args'?: (_edgepress_kernels_v1_MatmulIntegerToFloatArgs | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'frame'?: "args"|"chunk";
}

export interface MatmulIntegerToFloatRequest__Output {
  'args'?: (_edgepress_kernels_v1_MatmulIntegerToFloatArgs__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'frame'?: "args"|"chunk";
}
