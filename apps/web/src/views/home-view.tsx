'use client';
import Link from 'next/link';
import { StateBadge } from '../components/badges';
import { PageHeader } from '../components/page-header';
import { RequireSession } from '../components/require-session';
import { ErrorState, Loading } from '../components/states';
import { HomeDocument } from '../gen/graphql';
import { useQuery } from '../hooks/use-graphql';
import { formatBytes, formatDate, formatPercent } from '../lib/format';

function Overview() {
  const { data, error, loading, reload } = useQuery(HomeDocument, {});
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!data || loading) return <Loading what="your team's overview" />;
  const { models, runs, pipelines } = data;
  const started = models.nodes.length > 0 || runs.nodes.length > 0;
  return (
    <>
      {!started && (
        <section className="panel" aria-labelledby="get-started">
          <h2 id="get-started">Get started</h2>
          <ol>
            <li>
              <Link href="/models/new">Upload an ONNX model</Link>: the gateway summarizes it (operators, parameters, sizes).
            </li>
            <li>
              Open the model to see which <Link href="/targets">hardware targets</Link> it fits, and the estimated latency and energy on each.
            </li>
            <li>
              <Link href="/runs/new">Build a pipeline</Link> of compression stages for a target and watch the run live.
            </li>
          </ol>
        </section>
      )}
      <div className="cards">
        <section className="panel" aria-labelledby="recent-models">
          <h2 id="recent-models">Recent models</h2>
          {models.nodes.length === 0 ? (
            <p>
              No models yet. <Link href="/models/new">Upload one</Link>.
            </p>
          ) : (
            <ul>
              {models.nodes.map((model) => (
                <li key={model.id}>
                  <Link href={`/models/${model.id}`}>{model.name}</Link> <span className="muted">{formatBytes(model.sizeBytes)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="panel" aria-labelledby="recent-runs">
          <h2 id="recent-runs">Recent runs</h2>
          {runs.nodes.length === 0 ? (
            <p>
              No runs yet. <Link href="/runs/new">Start one</Link>.
            </p>
          ) : (
            <ul>
              {runs.nodes.map((run) => (
                <li key={run.id}>
                  <Link href={`/runs/${run.id}`}>
                    {run.model.name} on {run.targetId}
                  </Link>{' '}
                  <StateBadge state={run.state} /> <span className="muted">{run.state === 'RUNNING' ? formatPercent(run.progress, 0) : formatDate(run.createdAt)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="panel" aria-labelledby="saved-pipelines">
          <h2 id="saved-pipelines">Saved pipelines</h2>
          {pipelines.nodes.length === 0 ? (
            <p>
              None saved. The <Link href="/runs/new">pipeline builder</Link> saves them.
            </p>
          ) : (
            <ul>
              {pipelines.nodes.map((pipeline) => (
                <li key={pipeline.id}>
                  <Link href={`/runs/new?pipeline=${pipeline.id}`}>{pipeline.name}</Link>{' '}
                  <span className="muted">
                    {pipeline.spec.stages.map((stage) => stage.plugin).join(' → ')} on {pipeline.spec.targetId}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}

export function HomeView() {
  return (
    <>
      <PageHeader title="Overview" description="Compress ONNX models for edge hardware: pick a target, build a pipeline of stages, and compare what each stage costs and saves." />
      <RequireSession>{() => <Overview />}</RequireSession>
    </>
  );
}
