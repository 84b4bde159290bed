// Original file: proto/edgepress/kernels/v1/kernels.proto

export const Norm = {
  NORM_L1: 'NORM_L1',
  NORM_L2: 'NORM_L2',
} as const;

export type Norm =
  | 'NORM_L1'
  | 0
  | 'NORM_L2'
  | 1

export type Norm__Output = typeof Norm[keyof typeof Norm]
