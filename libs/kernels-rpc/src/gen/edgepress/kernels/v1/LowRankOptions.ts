// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { Long } from '@grpc/proto-loader';

export interface LowRankOptions {
  'oversample'?: (number);
  'powerIterations'?: (number);
  'seed'?: (number | string | Long);
  '_oversample'?: "oversample";
  '_powerIterations'?: "powerIterations";
  '_seed'?: "seed";
}

export interface LowRankOptions__Output {
  'oversample'?: (number);
  'powerIterations'?: (number);
  'seed'?: (number);
  '_oversample'?: "oversample";
  '_powerIterations'?: "powerIterations";
  '_seed'?: "seed";
}
