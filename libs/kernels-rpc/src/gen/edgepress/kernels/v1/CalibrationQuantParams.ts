// Original file: proto/edgepress/kernels/v1/kernels.proto


export interface CalibrationQuantParams {
  'scale'?: (number | string);
  'zeroPoint'?: (number);
}

export interface CalibrationQuantParams__Output {
  'scale': (number);
  'zeroPoint': (number);
}
