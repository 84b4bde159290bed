// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Tensor as _edgepress_kernels_v1_Tensor, Tensor__Output as _edgepress_kernels_v1_Tensor__Output } from '../../../edgepress/kernels/v1/Tensor';
import type { CallOptions as _edgepress_kernels_v1_CallOptions, CallOptions__Output as _edgepress_kernels_v1_CallOptions__Output } from '../../../edgepress/kernels/v1/CallOptions';
import type { Long } from '@grpc/proto-loader';

export interface KmeansClusterArgs {
  'weights'?: (_edgepress_kernels_v1_Tensor | null);
  'k'?: (number);
  'seed'?: (number | string | Long);
  'maxIterations'?: (number);
  'tolerance'?: (number | string);
  'options'?: (_edgepress_kernels_v1_CallOptions | null);
  '_seed'?: "seed";
  '_maxIterations'?: "maxIterations";
  '_tolerance'?: "tolerance";
}

export interface KmeansClusterArgs__Output {
  'weights': (_edgepress_kernels_v1_Tensor__Output | null);
  'k': (number);
  'seed'?: (number);
  'maxIterations'?: (number);
  'tolerance'?: (number);
  'options': (_edgepress_kernels_v1_CallOptions__Output | null);
  '_seed'?: "seed";
  '_maxIterations'?: "maxIterations";
  '_tolerance'?: "tolerance";
}
