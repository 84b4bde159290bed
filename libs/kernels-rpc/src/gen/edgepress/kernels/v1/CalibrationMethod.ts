// Original file: proto/edgepress/kernels/v1/kernels.proto

export const CalibrationMethod = {
  CALIBRATION_METHOD_MINMAX: 'CALIBRATION_METHOD_MINMAX',
  CALIBRATION_METHOD_PERCENTILE: 'CALIBRATION_METHOD_PERCENTILE',
  CALIBRATION_METHOD_ENTROPY: 'CALIBRATION_METHOD_ENTROPY',
  CALIBRATION_METHOD_MSE: 'CALIBRATION_METHOD_MSE',
} as const;

export type CalibrationMethod =
  | 'CALIBRATION_METHOD_MINMAX'
  | 0
  | 'CALIBRATION_METHOD_PERCENTILE'
  | 1
  | 'CALIBRATION_METHOD_ENTROPY'
  | 2
  | 'CALIBRATION_METHOD_MSE'
  | 3

export type CalibrationMethod__Output = typeof CalibrationMethod[keyof typeof CalibrationMethod]
