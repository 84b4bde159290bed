// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { CalibrationDone as _edgepress_kernels_v1_CalibrationDone, CalibrationDone__Output as _edgepress_kernels_v1_CalibrationDone__Output } from '../../../edgepress/kernels/v1/CalibrationDone';
import type { CalibrationRange as _edgepress_kernels_v1_CalibrationRange, CalibrationRange__Output as _edgepress_kernels_v1_CalibrationRange__Output } from '../../../edgepress/kernels/v1/CalibrationRange';
import type { CalibrationQuantParams as _edgepress_kernels_v1_CalibrationQuantParams, CalibrationQuantParams__Output as _edgepress_kernels_v1_CalibrationQuantParams__Output } from '../../../edgepress/kernels/v1/CalibrationQuantParams';
import type { CalibrationHistogram as _edgepress_kernels_v1_CalibrationHistogram, CalibrationHistogram__Output as _edgepress_kernels_v1_CalibrationHistogram__Output } from '../../../edgepress/kernels/v1/CalibrationHistogram';
import type { CalibrationStats as _edgepress_kernels_v1_CalibrationStats, CalibrationStats__Output as _edgepress_kernels_v1_CalibrationStats__Output } from '../../../edgepress/kernels/v1/CalibrationStats';
import type { CalibrationError as _edgepress_kernels_v1_CalibrationError, CalibrationError__Output as _edgepress_kernels_v1_CalibrationError__Output } from '../../../edgepress/kernels/v1/CalibrationError';
import type { Long } from '@grpc/proto-loader';

export interface CalibrationResponse {
  'id'?: (number | string | Long);
  'done'?: (_edgepress_kernels_v1_CalibrationDone | null);
  'range'?: (_edgepress_kernels_v1_CalibrationRange | null);
  'params'?: (_edgepress_kernels_v1_CalibrationQuantParams | null);
  'histogram'?: (_edgepress_kernels_v1_CalibrationHistogram | null);
  'stats'?: (_edgepress_kernels_v1_CalibrationStats | null);
  'error'?: (_edgepress_kernels_v1_CalibrationError | null);
  'answer'?: "done"|"range"|"params"|"histogram"|"stats"|"error";
}

export interface CalibrationResponse__Output {
  'id': (number);
  'done'?: (_edgepress_kernels_v1_CalibrationDone__Output | null);
  'range'?: (_edgepress_kernels_v1_CalibrationRange__Output | null);
  'params'?: (_edgepress_kernels_v1_CalibrationQuantParams__Output | null);
  'histogram'?: (_edgepress_kernels_v1_CalibrationHistogram__Output | null);
  'stats'?: (_edgepress_kernels_v1_CalibrationStats__Output | null);
  'error'?: (_edgepress_kernels_v1_CalibrationError__Output | null);
  'answer'?: "done"|"range"|"params"|"histogram"|"stats"|"error";
}
