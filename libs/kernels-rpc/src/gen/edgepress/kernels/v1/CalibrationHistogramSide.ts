// Original file: proto/edgepress/kernels/v1/kernels.proto


export interface CalibrationHistogramSide {
  'counts'?: (number | string)[];
  'binWidth'?: (number | string);
  'seen'?: (boolean);
}

export interface CalibrationHistogramSide__Output {
  'counts': (number)[];
  'binWidth': (number);
  'seen': (boolean);
}
