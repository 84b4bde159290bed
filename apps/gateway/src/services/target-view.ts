import type { TeamTarget } from '@edgepress/db';
import { quantizationRequirements, type HardwareTarget, type Precision } from '@edgepress/targets';

/**
 * A hardware target in the shape of the GraphQL HardwareTarget types: libs/targets' validated
 * definition, with the per-precision peak map as a list and the origin (catalog or team).
 */
export type TargetView = Record<string, unknown> & {
  id: string;
  kind: HardwareTarget['kind'];
  builtin: boolean;
  definition: HardwareTarget;
  /** The row id of a team target (null for catalog targets). */
  teamTargetId: string | null;
};

export function toTargetView(target: HardwareTarget, teamTarget: TeamTarget | null): TargetView {
  const peaks = Object.entries(target.peakMacsPerSecond)
    .filter((entry): entry is [Precision, number] => typeof entry[1] === 'number')
    .map(([precision, macsPerSecond]) => ({ precision, macsPerSecond }));
  return {
    ...target,
    builtin: teamTarget === null,
    teamTargetId: teamTarget?.id ?? null,
    createdAt: teamTarget?.createdAt ?? null,
    updatedAt: teamTarget?.updatedAt ?? null,
    peakMacsPerSecond: peaks,
    rooflineEfficiency: target.rooflineEfficiency ?? null,
    sources: target.sources.map((source) => ({ title: source.title, url: source.url ?? null })),
    quantizationRequirements: quantizationRequirements(target),
    definition: target,
  };
}
