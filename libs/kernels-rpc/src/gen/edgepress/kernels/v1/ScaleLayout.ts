// Original file: proto/edgepress/kernels/v1/kernels.proto


export interface ScaleLayout {
  'axis'?: (number);
  'blockSize'?: (number);
  '_axis'?: "axis";
  '_blockSize'?: "blockSize";
}

export interface ScaleLayout__Output {
  'axis'?: (number);
  'blockSize'?: (number);
  '_axis'?: "axis";
  '_blockSize'?: "blockSize";
}
