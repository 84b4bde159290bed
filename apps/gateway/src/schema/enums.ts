import { registerEnumType } from 'type-graphql';

/**
 * GraphQL enums over the lower-case values stored in PostgreSQL and used by libs/targets: the enum
 * names are the wire form (QUEUED, INT8, NPY_FOLDER), the values are what resolvers return.
 */
function enumOf<const T extends readonly string[]>(values: T): { [K in T[number] as Uppercase<K & string>]: K } {
  return Object.fromEntries(values.map((value) => [value.toUpperCase().replace(/[^A-Z0-9]/g, '_'), value])) as never;
}

export const RunStateEnum = enumOf(['queued', 'running', 'succeeded', 'failed', 'cancelled', 'cancelling'] as const);
export const StageStateEnum = enumOf(['pending', 'running', 'succeeded', 'failed', 'cancelled'] as const);
export const RoleEnum = enumOf(['owner', 'admin', 'member', 'viewer'] as const);
export const TargetKindEnum = enumOf(['cpu', 'gpu', 'npu', 'mcu'] as const);
export const PrecisionEnum = enumOf(['fp32', 'fp16', 'bf16', 'int8', 'int4', 'binary'] as const);
export const LayerPrecisionEnum = enumOf(['fp32', 'fp16', 'bf16', 'int8', 'int4', 'binary', 'other'] as const);
export const DatasetPurposeEnum = enumOf(['calibration', 'evaluation'] as const);
export const DatasetFormatEnum = enumOf(['npy-folder', 'jsonl', 'onnx-tensors', 'mnist-builtin'] as const);
export const PluginKindEnum = enumOf(['quantize', 'prune', 'factorize', 'distill', 'transform', 'export'] as const);
export const ArtifactKindEnum = enumOf(['model', 'report', 'report-html'] as const);
export const RunEventKindEnum = enumOf(['progress', 'stage-started', 'stage-completed', 'run-finished'] as const);
export const IssueSeverityEnum = enumOf(['error', 'warning', 'info'] as const);
export const PermissionEnum = enumOf(['read', 'upload', 'run', 'manage-pipelines', 'manage-targets', 'manage-tokens'] as const);

registerEnumType(RunStateEnum, { name: 'RunState', description: 'queued -> running -> succeeded | failed; queued -> cancelled; running -> cancelling -> cancelled' });
registerEnumType(StageStateEnum, { name: 'StageState' });
registerEnumType(RoleEnum, { name: 'Role', description: 'Team roles, most to least privileged. Viewers read; members upload and run; admins and owners also manage targets and tokens.' });
registerEnumType(TargetKindEnum, { name: 'TargetKind' });
registerEnumType(PrecisionEnum, { name: 'Precision', description: 'Arithmetic precisions a target can accelerate' });
registerEnumType(LayerPrecisionEnum, { name: 'LayerPrecision', description: 'The precision a layer of a model runs at (OTHER: none of the accelerated ones)' });
registerEnumType(DatasetPurposeEnum, { name: 'DatasetPurpose' });
registerEnumType(DatasetFormatEnum, { name: 'DatasetFormat' });
registerEnumType(PluginKindEnum, { name: 'PluginKind' });
registerEnumType(ArtifactKindEnum, { name: 'ArtifactKind', description: 'MODEL: a stage\'s model; REPORT: the run\'s report.json; REPORT_HTML: the same report as a standalone HTML page' });
registerEnumType(RunEventKindEnum, { name: 'RunEventKind' });
registerEnumType(IssueSeverityEnum, { name: 'IssueSeverity', description: 'ERROR: cannot run or does not fit as it is; WARNING: runs at a real cost; INFO: a fact the next stage must honour' });
registerEnumType(PermissionEnum, { name: 'Permission', description: 'What the current token may do (derived from its role)' });
