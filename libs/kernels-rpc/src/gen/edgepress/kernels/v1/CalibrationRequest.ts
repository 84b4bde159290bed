// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { CalibrationOpen as _edgepress_kernels_v1_CalibrationOpen, CalibrationOpen__Output as _edgepress_kernels_v1_CalibrationOpen__Output } from '../../../edgepress/kernels/v1/CalibrationOpen';
import type { CalibrationUpdate as _edgepress_kernels_v1_CalibrationUpdate, CalibrationUpdate__Output as _edgepress_kernels_v1_CalibrationUpdate__Output } from '../../../edgepress/kernels/v1/CalibrationUpdate';
import type { TensorChunk as _edgepress_kernels_v1_TensorChunk, TensorChunk__Output as _edgepress_kernels_v1_TensorChunk__Output } from '../../../edgepress/kernels/v1/TensorChunk';
import type { CalibrationRangeQuery as _edgepress_kernels_v1_CalibrationRangeQuery, CalibrationRangeQuery__Output as _edgepress_kernels_v1_CalibrationRangeQuery__Output } from '../../../edgepress/kernels/v1/CalibrationRangeQuery';
import type { CalibrationParamsQuery as _edgepress_kernels_v1_CalibrationParamsQuery, CalibrationParamsQuery__Output as _edgepress_kernels_v1_CalibrationParamsQuery__Output } from '../../../edgepress/kernels/v1/CalibrationParamsQuery';
import type { CalibrationHistogramQuery as _edgepress_kernels_v1_CalibrationHistogramQuery, CalibrationHistogramQuery__Output as _edgepress_kernels_v1_CalibrationHistogramQuery__Output } from '../../../edgepress/kernels/v1/CalibrationHistogramQuery';
import type { CalibrationStatsQuery as _edgepress_kernels_v1_CalibrationStatsQuery, CalibrationStatsQuery__Output as _edgepress_kernels_v1_CalibrationStatsQuery__Output } from '../../../edgepress/kernels/v1/CalibrationStatsQuery';
import type { Long } from '@grpc/proto-loader';

export interface CalibrationRequest {
  'id'?: (number | string | Long);
  'open'?: (_edgepress_kernels_v1_CalibrationOpen | null);
  'update'?: (_edgepress_kernels_v1_CalibrationUpdate | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk | null);
  'range'?: (_edgepress_kernels_v1_CalibrationRangeQuery | null);
  'params'?: (_edgepress_kernels_v1_CalibrationParamsQuery | null);
  'histogram'?: (_edgepress_kernels_v1_CalibrationHistogramQuery | null);
  'stats'?: (_edgepress_kernels_v1_CalibrationStatsQuery | null);
  'frame'?: "open"|"update"|"chunk"|"range"|"params"|"histogram"|"stats";
}

export interface CalibrationRequest__Output {
  'id': (number);
  'open'?: (_edgepress_kernels_v1_CalibrationOpen__Output | null);
  'update'?: (_edgepress_kernels_v1_CalibrationUpdate__Output | null);
  'chunk'?: (_edgepress_kernels_v1_TensorChunk__Output | null);
  'range'?: (_edgepress_kernels_v1_CalibrationRangeQuery__Output | null);
  'params'?: (_edgepress_kernels_v1_CalibrationParamsQuery__Output | null);
  'histogram'?: (_edgepress_kernels_v1_CalibrationHistogramQuery__Output | null);
  'stats'?: (_edgepress_kernels_v1_CalibrationStatsQuery__Output | null);
  'frame'?: "open"|"update"|"chunk"|"range"|"params"|"histogram"|"stats";
}
