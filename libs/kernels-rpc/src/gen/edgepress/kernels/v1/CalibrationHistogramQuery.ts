// Original file: proto/edgepress/kernels/v1/kernels.proto


export interface CalibrationHistogramQuery {
}

export interface CalibrationHistogramQuery__Output {
}
