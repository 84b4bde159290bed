/**
 * @edgepress/plugin-sdk/testing: the harness every plugin is tested with. `testPlugin` runs a
 * plugin on a model as a pipeline stage would (in process, or in the sandbox) and returns the
 * output model; `runOnnx` and `compareOutputs` check what the output computes; `pythonModels`
 * builds test models with python3-onnx; the PP-OCR models,
 * the shared OCR lines and MNIST are at hand. Plugin packages run these tests in
 * `@edgepress/plugin-sdk/testing/jest-environment` (see README.md).
 */
export { testPlugin, type PluginTestRun, type TestPluginOptions } from './test-plugin';
export type { CalibrationInput } from './resolve-inputs';
export { runOnnx, randomInputs, type OnnxFeed, type OnnxOutput } from './onnx-runs';
export { pythonModels, DEFAULT_PYTHON_HELPERS, type PythonModelOptions } from './python-models';
export { compareOutputs, type Comparison, type OutputComparison } from './compare-outputs';
export { ocrAssetsFolder, ocrLines, ocrModelPath, type OcrModel } from './test-data';
export { datasetFromSamples, findDataRoot, mnistDataset, openJsonlDataset, openTensorFolder, randomDataset, type Dataset, type Sample, type SampleTensor } from './test-data';
export { createInProcessKernels } from '@edgepress/kernels-rpc';
export type { KernelService } from '@edgepress/kernels-rpc/client';
export { readModel, writeModel, type OnnxModel } from '@edgepress/onnx';
export { getTarget, listTargets, type HardwareTarget } from '@edgepress/targets';
export type { StageLogEntry } from '@edgepress/plugin-host';
