export type {
  Dim,
  ElementTypeName,
  LayerCost,
  LayerPrecision,
  ModelSummary,
  ValueSummary,
} from './model-summary';
