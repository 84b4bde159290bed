// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { SparseMatrix as _edgepress_kernels_v1_SparseMatrix, SparseMatrix__Output as _edgepress_kernels_v1_SparseMatrix__Output } from '../../../edgepress/kernels/v1/SparseMatrix';

export interface PackSparseResult {
  'matrix'?: (_edgepress_kernels_v1_SparseMatrix | null);
}

export interface PackSparseResult__Output {
  'matrix': (_edgepress_kernels_v1_SparseMatrix__Output | null);
}
