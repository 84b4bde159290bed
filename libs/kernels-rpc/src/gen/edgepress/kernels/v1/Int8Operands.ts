// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';
import type { Int8Weights as _edgepress_kernels_v1_Int8Weights, Int8Weights__Output as _edgepress_kernels_v1_Int8Weights__Output } from '../../../edgepress/kernels/v1/Int8Weights';
import type { Int8Kernel as _edgepress_kernels_v1_Int8Kernel, Int8Kernel__Output as _edgepress_kernels_v1_Int8Kernel__Output } from '../../../edgepress/kernels/v1/Int8Kernel';
import type { ColumnZeroPoint as _edgepress_kernels_v1_ColumnZeroPoint, ColumnZeroPoint__Output as _edgepress_kernels_v1_ColumnZeroPoint__Output } from '../../../edgepress/kernels/v1/ColumnZeroPoint';

export interface Int8Operands {
  'a'?: (_edgepress_kernels_v1_Tensor | null);
  'b'?: (_edgepress_kernels_v1_Int8Weights | null);
  'kernel'?: (_edgepress_kernels_v1_Int8Kernel);
  'aZeroPoint'?: (number);
  'bZeroPoint'?: (_edgepress_kernels_v1_ColumnZeroPoint | null);
  '_aZeroPoint'?: "aZeroPoint";
}

export interface Int8Operands__Output {
  'a': (_edgepress_kernels_v1_Tensor__Output | null);
  'b': (_edgepress_kernels_v1_Int8Weights__Output | null);
  'kernel': (_edgepress_kernels_v1_Int8Kernel__Output);
  'aZeroPoint'?: (number);
  'bZeroPoint': (_edgepress_kernels_v1_ColumnZeroPoint__Output | null);
  '_aZeroPoint'?: "aZeroPoint";
}
