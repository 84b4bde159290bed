import { defineTarget } from '../define-target';
import type { HardwareTarget, TargetDefinition } from '../schema/target-schema';

/** defineTarget for catalog entries: typed, so that a wrong field fails the type check before any test runs. */
export function catalogEntry(definition: TargetDefinition): HardwareTarget {
  return defineTarget(definition);
}
