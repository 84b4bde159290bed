/**
 * How a run artifact is offered for download: its file name and content type. The HTML report is
 * the one artifact a browser would render; it embeds plugin-provided strings (escaped by
 * libs/pipeline's renderer), so it is served as an attachment under a Content-Security-Policy
 * that forbids scripts (blob-routes.ts). Tests: test/runs.test.ts (artifact downloads).
 */
import type { Artifact } from '@edgepress/db';

export interface ArtifactFile {
  readonly filename: string;
  readonly contentType: string;
}

export function artifactFile(artifact: Pick<Artifact, 'kind' | 'runId' | 'stageIndex'>): ArtifactFile {
  switch (artifact.kind) {
    case 'report':
      return { filename: `run-${artifact.runId}-report.json`, contentType: 'application/json' };
    case 'report-html':
      return { filename: `run-${artifact.runId}-report.html`, contentType: 'text/html; charset=utf-8' };
    case 'model':
      return { filename: `run-${artifact.runId}-stage-${artifact.stageIndex}.onnx`, contentType: 'application/octet-stream' };
  }
}
