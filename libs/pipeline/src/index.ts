/**
 * @edgepress/pipeline: evaluation data, ONNX Runtime evaluation (latency, fidelity, task accuracy,
 * activation capture, per-node profiling), per-stage metrics and the run report (JSON and HTML).
 */

// Data
export { UNNAMED_INPUT, datasetFromSamples, type Dataset, type Sample, type SampleData, type SampleDataType, type SampleTensor } from './data/sample';
export { parseNpy, type NpyOptions } from './data/npy';
export { parseTensorProto, type NamedSampleTensor, type TensorProtoOptions } from './data/tensor-proto';
export { openTensorFolder, type TensorFolderOptions } from './data/tensor-folder';
export { openJsonlDataset, type JsonlOptions } from './data/jsonl';
export { mnistDataset, MNIST_SIZE, type MnistOptions } from './data/mnist';
export { openOcrPages, imageToTensor, PP_OCR_DETECTOR_NORMALIZATION, type ImageNormalization, type OcrPagesOptions } from './data/ocr-pages';
export { decodePng, type DecodedImage, type PngOptions } from './data/png';
export { randomDataset, type RandomDatasetOptions } from './data/random-dataset';
export { modelInputsOf, type ModelInput } from './data/model-inputs';
export { bindSample } from './data/bind-inputs';
export { batchDataset, type Batch } from './data/batch';
export { findDataRoot, requireDataRoot, DATA_DIR_ENV, type DataRootOptions } from './data/data-root';

// Evaluation
export { OrtModelSession, type GraphOptimizationLevel, type OutputTensor, type SessionSettings } from './evaluate/ort-session';
export { runDataset, type BatchOutputs, type RunOptions } from './evaluate/run-dataset';
export { evaluateModel, type EvaluationOptions, type EvaluationResult } from './evaluate/evaluate-model';
export { measureLatency, describeHost, type HostDescription, type LatencyOptions, type LatencyResult } from './evaluate/latency';
export { FidelityAccumulator, sqnrDb, type FidelityFigures, type FidelityOptions, type FidelityResult, type OutputFidelity } from './evaluate/fidelity';
export { ReferenceRecorder, sessionReference, type ReferenceOutputs } from './evaluate/reference-outputs';
export type { ClassAccuracy, TaskMetric, TaskMetricAccumulator, TaskMetricResult } from './evaluate/task-metric';
export { classificationAccuracy, classAccuracyDeltas, type ClassAccuracyDelta, type ClassificationOptions } from './evaluate/accuracy';
export { ctcTextAccuracy, type CtcTextAccuracyOptions } from './evaluate/ctc-text-accuracy';
export { ctcDictionaryFromKeys, greedyCtcDecode, loadCtcDictionary } from './evaluate/ctc-decode';
export { editDistance } from './evaluate/edit-distance';
export { captureActivations, exposeTensors, type CaptureOptions, type CapturedBatch } from './evaluate/capture-activations';
export { profileModel, type NodeProfile, type ProfileOptions } from './evaluate/profile';

// Metrics
export { measureModel, type MeasureOptions, type StageMetrics, type TargetEstimate } from './metrics/stage-metrics';
export { checkConstraints, validateConstraints, type ConstraintName, type ConstraintResult, type Constraints } from './metrics/constraints';

// Reports
export { reportSchema, reportJsonSchema, type Report, type ReportStage } from './report/report-schema';
export { buildReport, parseReport, serializeReport, type ReportInput, type StageRecord } from './report/report-json';
export { renderReportHtml } from './report/report-html';

// Stage runtime (the ONNX Runtime behind a plugin's ctx.calibration and ctx.runtime)
export { loadCalibrationSet, DEFAULT_MAX_CALIBRATION_SAMPLES, type CalibrationSet, type CalibrationSetOptions } from './stage/calibration-set';
export { createOrtStageProviders, type OrtStageProviders, type OrtStageProvidersOptions } from './stage/ort-stage-providers';
export { toOnnxTensor } from './stage/runtime-tensors';

// Pipelines: spec, plugin registries, validation, runPipeline
export * from './run/index';
