// Original file: proto/edgepress/kernels/v1/kernels.proto


export interface CalibrationDone {
}

export interface CalibrationDone__Output {
}
