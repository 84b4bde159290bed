// Original file: proto/edgepress/kernels/v1/kernels.proto

import type { CalibrationHistogramSide as _edgepress_kernels_v1_CalibrationHistogramSide, CalibrationHistogramSide__Output as _edgepress_kernels_v1_CalibrationHistogramSide__Output } from '../../../edgepress/kernels/v1/CalibrationHistogramSide';

export interface CalibrationHistogram {
  'positive'?: (_edgepress_kernels_v1_CalibrationHistogramSide | null);
  'negative'?: (_edgepress_kernels_v1_CalibrationHistogramSide | null);
  'count'?: (number | string);
  'min'?: (number | string);
  'max'?: (number | string);
}

export interface CalibrationHistogram__Output {
  'positive': (_edgepress_kernels_v1_CalibrationHistogramSide__Output | null);
  'negative': (_edgepress_kernels_v1_CalibrationHistogramSide__Output | null);
  'count': (number);
  'min': (number);
  'max': (number);
}
