// Original file: proto/edgepress/kernels/v1/kernels.proto


export interface UnregisterSharedRegionRequest {
  'regionId'?: (string);
}

export interface UnregisterSharedRegionRequest__Output {
  'regionId': (string);
}
