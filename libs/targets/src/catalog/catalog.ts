import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { HardwareTarget } from '../schema/target-schema';
import { CPU_TARGETS } from './cpus';
import { GPU_TARGETS } from './gpus';
import { MCU_TARGETS } from './mcus';
import { NPU_TARGETS } from './npus';

const CATALOG: readonly HardwareTarget[] = Object.freeze([...CPU_TARGETS, ...GPU_TARGETS, ...NPU_TARGETS, ...MCU_TARGETS]);
const BY_ID: ReadonlyMap<string, HardwareTarget> = new Map(CATALOG.map((target) => [target.id, target]));

/** Every built-in target, validated and frozen, grouped CPU, GPU, NPU, MCU. */
export function listTargets(): readonly HardwareTarget[] {
  return CATALOG;
}

/** The built-in target with this id; NOT_FOUND naming the known ids otherwise. */
export function getTarget(id: string): HardwareTarget {
  const target = typeof id === 'string' ? BY_ID.get(id) : undefined;
  if (target === undefined) {
    const shown = typeof id === 'string' ? JSON.stringify(id.length > 64 ? `${id.slice(0, 61)}...` : id) : typeof id;
    throw new EdgepressError(ErrorCode.NOT_FOUND, `Unknown hardware target ${shown}; known targets: ${[...BY_ID.keys()].join(', ')}`, {
      details: { id: typeof id === 'string' ? id.slice(0, 64) : null },
    });
  }
  return target;
}
