// Original file: proto/edgepress/kernels/v1/kernels.proto


export interface CalibrationError {
  'code'?: (string);
  'message'?: (string);
  'argument'?: (string);
}

export interface CalibrationError__Output {
  'code': (string);
  'message': (string);
  'argument': (string);
}
