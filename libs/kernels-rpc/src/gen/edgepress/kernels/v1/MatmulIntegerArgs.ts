// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Int8Operands as _edgepress_kernels_v1_Int8Operands, Int8Operands__Output as _edgepress_kernels_v1_Int8Operands__Output } from '../../../edgepress/kernels/v1/Int8Operands';
import type { CallOptions as _edgepress_kernels_v1_CallOptions, CallOptions__Output as _edgepress_kernels_v1_CallOptions__Output } from '../../../edgepress/kernels/v1/CallOptions';

export interface MatmulIntegerArgs {
  'operands'?: (_edgepress_kernels_v1_Int8Operands | null);
  'options'?: (_edgepress_kernels_v1_CallOptions | null);
}

export interface MatmulIntegerArgs__Output {
  'operands': (_edgepress_kernels_v1_Int8Operands__Output | null);
  'options': (_edgepress_kernels_v1_CallOptions__Output | null);
}
