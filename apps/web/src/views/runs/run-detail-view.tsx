'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { StateBadge } from '../../components/badges';
import { PageHeader } from '../../components/page-header';
import { RequireSession } from '../../components/require-session';
import { ErrorState, FormError, Loading } from '../../components/states';
import { CancelRunDocument, RerunDocument, RunDocument, type RunQuery } from '../../gen/graphql';
import { useMutation, useQuery } from '../../hooks/use-graphql';
import { useLiveRun, type LiveStatus } from '../../hooks/use-live-run';
import { adviceFor } from '../../lib/gateway-error';
import { formatBytes, formatDate, formatDuration, formatPercent } from '../../lib/format';
import type { RunEvent } from '../../lib/run-events';
import { applyRunEvent, stageLabel, TERMINAL_STATES } from '../../lib/run-metrics';
import type { TeamSession } from '../../lib/session-store';
import { RunCharts } from './run-charts';
import { RunSpec } from './run-spec';
import { StageTable } from './stage-table';

type Run = RunQuery['run'];

const POLL_MS = 5_000;

function describeEvent(event: RunEvent): string | null {
  switch (event.kind) {
    case 'STAGE_STARTED':
      return event.stage ? `Stage ${stageLabel(event.stage)} started.` : null;
    case 'STAGE_COMPLETED':
      return event.stage ? `Stage ${stageLabel(event.stage)} ${event.stage.state === 'SUCCEEDED' ? 'completed' : event.stage.state.toLowerCase()}.` : null;
    case 'RUN_FINISHED':
      return `The run ${(event.state ?? event.run.state).toLowerCase()}.`;
    default:
      return null;
  }
}

const LIVE_TEXT: Record<LiveStatus, string> = {
  off: '',
  connecting: 'Connecting for live updates…',
  live: 'Live: updates arrive as the worker reports them.',
  ended: 'The run has finished.',
  failed: '',
};

function RunView({ initial, reload, session }: { initial: Run; reload(): void; session: TeamSession }) {
  const router = useRouter();
  const [run, setRun] = useState<Run>(initial);
  const [announcement, setAnnouncement] = useState('');
  const cancel = useMutation(CancelRunDocument);
  const rerun = useMutation(RerunDocument);
  const finished = TERMINAL_STATES.includes(run.state);
  const reloadRef = useRef(reload);
  useEffect(() => {
    reloadRef.current = reload;
  }, [reload]);

  useEffect(() => setRun(initial), [initial]);

  const onEvent = useCallback((event: RunEvent) => {
    setRun((current) => applyRunEvent(current, event));
    const text = describeEvent(event);
    if (text) setAnnouncement(text);
    // Artifacts and the final stage rows are read again once the run ends.
    if (event.kind === 'RUN_FINISHED' || event.kind === 'STAGE_COMPLETED') reloadRef.current();
  }, []);
  // A run unfinished when the page opened is followed until the gateway ends the subscription after
  // RUN_FINISHED, even if a reload shows the end first (a reload triggered by the last stage can
  // read the finished run before the worker's RUN_FINISHED reaches the browser).
  const [followed] = useState(() => !TERMINAL_STATES.includes(initial.state));
  const live = useLiveRun(run.id, followed, onEvent);

  // A finished run's reports are read again until they are there (a few tries): the page must
  // not stay on data read before the worker stored them.
  const awaitingReports = run.state === 'SUCCEEDED' && !run.artifacts.some((artifact) => artifact.kind === 'REPORT_HTML');
  const reportTries = useRef(0);
  useEffect(() => {
    if (!awaitingReports || reportTries.current >= 5) return;
    reportTries.current += 1;
    const timer = setTimeout(() => reloadRef.current(), 500 * reportTries.current);
    return () => clearTimeout(timer);
  }, [awaitingReports, run]);

  // Without a live connection, an unfinished run is polled.
  useEffect(() => {
    if (finished || live.status !== 'failed') return;
    const timer = setInterval(() => reloadRef.current(), POLL_MS);
    return () => clearInterval(timer);
  }, [finished, live.status]);

  const modelArtifacts = run.artifacts.filter((artifact) => artifact.kind === 'MODEL');
  const report = run.artifacts.find((artifact) => artifact.kind === 'REPORT');
  const reportPage = run.artifacts.find((artifact) => artifact.kind === 'REPORT_HTML');
  const lastModel = modelArtifacts.at(-1);
  return (
    <>
      <PageHeader
        crumbs={[{ href: '/runs', label: 'Runs' }]}
        title={
          <>
            {run.model.name} on {run.target?.name ?? run.targetId}
          </>
        }
        description={`Created ${formatDate(run.createdAt)}${run.pipeline ? ` from the pipeline ${run.pipeline.name}` : ''}${run.rerunOf ? ' (a re-run)' : ''}.`}
        actions={
          <>
            {lastModel && (
              <a className="button primary" href={lastModel.downloadUrl} download>
                Download the final model
              </a>
            )}
            {!finished && session.permissions.includes('RUN') && (
              <button type="button" className="danger" disabled={cancel.pending || run.state === 'CANCELLING'} onClick={async () => {
                const result = await cancel.run({ id: run.id });
                if (result) setRun((current) => ({ ...current, state: result.cancelRun.state }));
              }}>
                Cancel run
              </button>
            )}
            {finished && session.permissions.includes('RUN') && (
              <button type="button" disabled={rerun.pending} onClick={async () => {
                const result = await rerun.run({ id: run.id });
                if (result) router.push(`/runs/${result.rerun.id}`);
              }}>
                Run again
              </button>
            )}
            <Link className="button" href={`/runs/compare?a=${run.id}`}>
              Compare
            </Link>
          </>
        }
      />
      <FormError error={cancel.error ?? rerun.error} />
      <section className="panel" aria-labelledby="status">
        <h2 id="status" className="card-title">
          Status <StateBadge state={run.state} />
        </h2>
        <label htmlFor="run-progress" className="visually-hidden">
          Run progress
        </label>
        <progress id="run-progress" className="progress" max={1} value={run.progress} />
        <p>
          {formatPercent(run.progress, 0)} · {run.message || (run.state === 'QUEUED' ? 'Waiting for a worker to pick the run up.' : run.state.toLowerCase())}
          {run.durationMs !== null && ` · ${formatDuration(run.durationMs)}`}
          {run.attempt > 1 && ` · attempt ${run.attempt}`}
        </p>
        {run.error && (
          <div className="state error">
            <h3>The run failed: {run.error.code}</h3>
            <p>{run.error.message}</p>
          </div>
        )}
        <p className="muted" role="status" aria-live="polite">
          {announcement ? `${announcement} ` : ''}
          {live.status === 'failed' && live.error
            ? `Live updates are unavailable (${adviceFor(live.error).title}); refreshing every ${POLL_MS / 1000} s.`
            : LIVE_TEXT[finished && live.status === 'live' ? 'ended' : live.status]}
        </p>
      </section>

      <h2 id="stages">Stages</h2>
      <StageTable run={run} caption={`Stages of the run (original model ${formatBytes(run.model.sizeBytes)})`} />

      <h2 id="charts">Charts</h2>
      <RunCharts runs={[run]} names={['this run']} />

      <h2 id="artifacts">Artifacts</h2>
      {run.artifacts.length === 0 ? (
        <p>No artifacts yet: each stage stores its model here when it succeeds.</p>
      ) : (
        <ul>
          {modelArtifacts.map((artifact) => (
            <li key={artifact.id}>
              <a href={artifact.downloadUrl} download>
                Model after stage {(artifact.stageIndex ?? 0) + 1}
              </a>{' '}
              <span className="muted">{formatBytes(artifact.sizeBytes)}, ONNX</span>
            </li>
          ))}
          {report && (
            <li>
              <a href={report.downloadUrl} download>
                Run report
              </a>{' '}
              <span className="muted">{formatBytes(report.sizeBytes)}, JSON</span>
            </li>
          )}
          {reportPage && (
            <li>
              <a href={reportPage.downloadUrl} download>
                Run report as a page
              </a>{' '}
              <span className="muted">{formatBytes(reportPage.sizeBytes)}, HTML (opens in any browser, no script)</span>
            </li>
          )}
        </ul>
      )}

      <RunSpec run={run} />

      <h2 id="logs">Stage logs</h2>
      {run.stages.map((stage) => (
        <details key={stage.index}>
          <summary>
            {stageLabel(stage)} <span className="muted">({stage.state.toLowerCase()})</span>
          </summary>
          <pre>{stage.logExcerpt || 'No log output.'}</pre>
        </details>
      ))}
    </>
  );
}

function RunLoader({ id, session }: { id: string; session: TeamSession }) {
  const { data, error, reload } = useQuery(RunDocument, { id });
  if (error && !data) return <ErrorState error={error} onRetry={reload} context="Run" />;
  if (!data) return <Loading what="the run" />;
  return <RunView initial={data.run} reload={reload} session={session} />;
}

export function RunDetailView({ id }: { id: string }) {
  return <RequireSession>{(session) => <RunLoader id={id} session={session} />}</RequireSession>;
}
