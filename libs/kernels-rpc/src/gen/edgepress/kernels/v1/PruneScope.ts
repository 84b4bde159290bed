// Original file: proto/edgepress/kernels/v1/kernels.proto

export const PruneScope = {
  PRUNE_SCOPE_GLOBAL: 'PRUNE_SCOPE_GLOBAL',
  PRUNE_SCOPE_PER_TENSOR: 'PRUNE_SCOPE_PER_TENSOR',
} as const;

export type PruneScope =
  | 'PRUNE_SCOPE_GLOBAL'
  | 0
  | 'PRUNE_SCOPE_PER_TENSOR'
  | 1

export type PruneScope__Output = typeof PruneScope[keyof typeof PruneScope]
