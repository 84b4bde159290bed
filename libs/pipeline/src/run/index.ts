/** Pipeline sequencing: specs, plugin registries, validation and runPipeline. */
export { parsePipelineSpec, pipelineSpecSchema, MAX_STAGES, type DataSource, type PipelineSpec, type PipelineSpecInput, type StageSpec, type TaskMetricSpec } from './pipeline-spec';
export { openDataSource, taskMetricFor, type DataContext, type DataResolver } from './data-sources';
export { staticRegistry, requirePlugin, type PluginRegistry } from './plugin-registry';
export { createBuiltinRegistry, type BuiltinRegistryOptions } from './builtin-registry';
export { validatePipeline, type PreparedPipeline, type PreparedStage, type ValidateOptions } from './validate-pipeline';
export { runPipeline, type PipelineResult, type PipelineResume, type RunPipelineOptions } from './run-pipeline';
export type { PipelineEvent, PipelineEventListener } from './pipeline-events';
export { fromStoredJson, toStoredJson } from './stored-json';
export { connectKernels, type KernelConnection, type KernelConnectionOptions, type KernelService } from '@edgepress/plugin-host';
