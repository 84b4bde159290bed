// Original file: proto/edgepress/kernels/v1/kernels.proto


export interface TensorChunk {
  'tensorId'?: (number);
  'data'?: (Buffer | Uint8Array | string);
}

export interface TensorChunk__Output {
  'tensorId': (number);
  'data': (Buffer);
}
