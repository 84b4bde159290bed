'use client';
import Link from 'next/link';
import { PageHeader } from '../../components/page-header';
import { RequireSession } from '../../components/require-session';
import { EmptyState, ErrorState, FormError, Loading } from '../../components/states';
import { DeletePipelineDocument, PipelinesDocument } from '../../gen/graphql';
import { useMutation, useQuery } from '../../hooks/use-graphql';
import { formatBytes, formatDate } from '../../lib/format';
import type { TeamSession } from '../../lib/session-store';

function PipelineList({ session }: { session: TeamSession }) {
  const { data, error, reload } = useQuery(PipelinesDocument, { first: 100 });
  const remove = useMutation(DeletePipelineDocument);
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!data) return <Loading what="saved pipelines" />;
  if (data.pipelines.nodes.length === 0) {
    return (
      <EmptyState
        title="No saved pipelines"
        action={
          <Link className="button primary" href="/runs/new">
            Build a pipeline
          </Link>
        }
      >
        <p>Save a target and its stages from the pipeline builder to run them on other models later.</p>
      </EmptyState>
    );
  }
  return (
    <>
      <FormError error={remove.error} />
      <ul className="stage-list">
        {data.pipelines.nodes.map((pipeline) => {
          const c = pipeline.spec.constraints;
          return (
            <li key={pipeline.id} className="stage-card">
              <header>
                <h2 className="card-title">{pipeline.name}</h2>
                <div className="actions">
                  <Link className="button small primary" href={`/runs/new?pipeline=${pipeline.id}`}>
                    Open in the builder<span className="visually-hidden"> ({pipeline.name})</span>
                  </Link>
                  {session.permissions.includes('MANAGE_PIPELINES') && (
                    <button
                      type="button"
                      className="small danger"
                      disabled={remove.pending}
                      onClick={async () => {
                        if (!window.confirm(`Delete the pipeline ${pipeline.name}? Runs made from it keep their own copy.`)) return;
                        if (await remove.run({ id: pipeline.id })) reload();
                      }}
                    >
                      Delete<span className="visually-hidden"> {pipeline.name}</span>
                    </button>
                  )}
                </div>
              </header>
              {pipeline.description && <p>{pipeline.description}</p>}
              <dl className="specs">
                <dt>Target</dt>
                <dd>{pipeline.spec.target?.name ?? `${pipeline.spec.targetId} (deleted)`}</dd>
                <dt>Stages</dt>
                <dd>{pipeline.spec.stages.map((stage) => `${stage.plugin}${stage.versionRange === '*' ? '' : ` ${stage.versionRange}`}`).join(' → ')}</dd>
                <dt>Constraints</dt>
                <dd>
                  {[c.maxSizeBytes != null && `size ≤ ${formatBytes(c.maxSizeBytes)}`, c.maxAccuracyDrop != null && `accuracy drop ≤ ${c.maxAccuracyDrop}`, c.maxFidelityDrop != null && `fidelity drop ≤ ${c.maxFidelityDrop}`, c.maxEstimatedLatencyMs != null && `latency ≤ ${c.maxEstimatedLatencyMs} ms`]
                    .filter(Boolean)
                    .join(', ') || 'none'}
                </dd>
                <dt>Updated</dt>
                <dd>{formatDate(pipeline.updatedAt)}</dd>
              </dl>
            </li>
          );
        })}
      </ul>
    </>
  );
}

export function PipelinesView() {
  return (
    <>
      <PageHeader title="Saved pipelines" description="A target and its stages, saved to run on any model. Version ranges are resolved when a run starts." />
      <RequireSession>{(session) => <PipelineList session={session} />}</RequireSession>
    </>
  );
}
