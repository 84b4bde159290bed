// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';
import type { SparseMatrix as _edgepress_kernels_v1_SparseMatrix, SparseMatrix__Output as _edgepress_kernels_v1_SparseMatrix__Output } from '../../../edgepress/kernels/v1/SparseMatrix';
import type { SparseKernel as _edgepress_kernels_v1_SparseKernel, SparseKernel__Output as _edgepress_kernels_v1_SparseKernel__Output } from '../../../edgepress/kernels/v1/SparseKernel';
import type { CallOptions as _edgepress_kernels_v1_CallOptions, CallOptions__Output as _edgepress_kernels_v1_CallOptions__Output } from '../../../edgepress/kernels/v1/CallOptions';

export interface MatmulDenseCscArgs {
  'x'?: (_edgepress_kernels_v1_Tensor | null);
  'w'?: (_edgepress_kernels_v1_SparseMatrix | null);
  'kernel'?: (_edgepress_kernels_v1_SparseKernel);
  'options'?: (_edgepress_kernels_v1_CallOptions | null);
}

export interface MatmulDenseCscArgs__Output {
  'x': (_edgepress_kernels_v1_Tensor__Output | null);
  'w': (_edgepress_kernels_v1_SparseMatrix__Output | null);
  'kernel': (_edgepress_kernels_v1_SparseKernel__Output);
  'options': (_edgepress_kernels_v1_CallOptions__Output | null);
}
