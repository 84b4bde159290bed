/**
 * Nodes every deployment path removes or folds into weights before a model reaches a device: they
 * are neither checked against op lists nor charged time in the estimate (a Constant node's weights
 * are already counted by the layer that reads them).
 */
export const ALWAYS_FOLDED_OPS: ReadonlySet<string> = new Set(['Constant', 'Identity', 'Dropout']);
