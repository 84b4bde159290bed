// Original file: proto/edgepress/kernels/v1/kernels.proto


export interface CalibrationRange {
  'min'?: (number | string);
  'max'?: (number | string);
}

export interface CalibrationRange__Output {
  'min': (number);
  'max': (number);
}
