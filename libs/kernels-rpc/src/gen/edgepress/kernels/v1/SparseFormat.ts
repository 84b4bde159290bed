// Original file: proto/edgepress/kernels/v1/kernels.proto

export const SparseFormat = {
  SPARSE_FORMAT_UNSPECIFIED: 'SPARSE_FORMAT_UNSPECIFIED',
  SPARSE_FORMAT_CSR: 'SPARSE_FORMAT_CSR',
  SPARSE_FORMAT_CSC: 'SPARSE_FORMAT_CSC',
} as const;

export type SparseFormat =
  | 'SPARSE_FORMAT_UNSPECIFIED'
  | 0
  | 'SPARSE_FORMAT_CSR'
  | 1
  | 'SPARSE_FORMAT_CSC'
  | 2

export type SparseFormat__Output = typeof SparseFormat[keyof typeof SparseFormat]
