// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { SparseMatrix as _edgepress_kernels_v1_SparseMatrix, SparseMatrix__Output as _edgepress_kernels_v1_SparseMatrix__Output } from '../../../edgepress/kernels/v1/SparseMatrix';
import type { CallOptions as _edgepress_kernels_v1_CallOptions, CallOptions__Output as _edgepress_kernels_v1_CallOptions__Output } from '../../../edgepress/kernels/v1/CallOptions';

export interface UnpackSparseArgs {
  'matrix'?: (_edgepress_kernels_v1_SparseMatrix | null);
  'options'?: (_edgepress_kernels_v1_CallOptions | null);
}

export interface UnpackSparseArgs__Output {
  'matrix': (_edgepress_kernels_v1_SparseMatrix__Output | null);
  'options': (_edgepress_kernels_v1_CallOptions__Output | null);
}
