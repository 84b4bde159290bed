'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { StateBadge } from '../../components/badges';
import { SelectField, TextField } from '../../components/form-fields';
import { PageHeader } from '../../components/page-header';
import { RequireSession } from '../../components/require-session';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { TableScroll } from '../../components/table-scroll';
import { RunsDocument, type RunState } from '../../gen/graphql';
import { useQuery } from '../../hooks/use-graphql';
import { formatDate, formatDuration, formatPercent } from '../../lib/format';

const STATES: RunState[] = ['QUEUED', 'RUNNING', 'CANCELLING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];

function RunList() {
  const router = useRouter();
  const [state, setState] = useState('');
  const [modelName, setModelName] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const filter = { ...(state ? { states: [state as RunState] } : {}), ...(modelName.trim() ? { modelName: modelName.trim() } : {}) };
  const { data, error, loading, reload } = useQuery(RunsDocument, { filter, first: 50 });
  const toggle = (id: string, on: boolean) => setSelected((current) => (on ? [...current.filter((x) => x !== id), id].slice(-2) : current.filter((x) => x !== id)));
  return (
    <>
      <form className="filters" role="search" aria-label="Filter runs" onSubmit={(event) => event.preventDefault()}>
        <SelectField label="State" value={state} onChange={setState} options={[{ value: '', label: 'Any state' }, ...STATES.map((s) => ({ value: s, label: s.toLowerCase() }))]} />
        <TextField label="Model name" type="search" value={modelName} onChange={setModelName} />
        <div className="actions">
          <button type="button" disabled={selected.length !== 2} onClick={() => router.push(`/runs/compare?a=${selected[0]}&b=${selected[1]}`)}>
            Compare selected ({selected.length}/2)
          </button>
          <button type="button" onClick={reload}>
            Refresh
          </button>
        </div>
      </form>
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : !data ? (
        <Loading what="runs" />
      ) : data.runs.nodes.length === 0 ? (
        <EmptyState
          title={state || modelName ? 'No run matches these filters' : 'No runs yet'}
          action={
            <Link className="button primary" href="/runs/new">
              Build a pipeline
            </Link>
          }
        >
          <p>A run compresses one model for one target through the stages of a pipeline.</p>
        </EmptyState>
      ) : (
        <TableScroll label="Runs">
          <table aria-busy={loading}>
            <thead>
              <tr>
                <th scope="col">Compare</th>
                <th scope="col">Run</th>
                <th scope="col">State</th>
                <th scope="col">Stages</th>
                <th scope="col">Created</th>
                <th scope="col" className="num">
                  Took
                </th>
              </tr>
            </thead>
            <tbody>
              {data.runs.nodes.map((run) => (
                <tr key={run.id}>
                  <td>
                    <input
                      type="checkbox"
                      checked={selected.includes(run.id)}
                      onChange={(event) => toggle(run.id, event.target.checked)}
                      aria-label={`Select the run of ${run.model.name} on ${run.targetId} (${formatDate(run.createdAt)}) to compare`}
                    />
                  </td>
                  <td>
                    <Link href={`/runs/${run.id}`}>
                      {run.model.name} on {run.targetId}
                    </Link>
                  </td>
                  <td>
                    <StateBadge state={run.state} /> {run.state === 'RUNNING' && <span className="muted">{formatPercent(run.progress, 0)}</span>}
                  </td>
                  <td>{run.stages.map((stage) => stage.pluginName).join(' → ')}</td>
                  <td>{formatDate(run.createdAt)}</td>
                  <td className="num">{formatDuration(run.durationMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

export function RunsView() {
  return (
    <>
      <PageHeader
        title="Runs"
        description="Each run compresses a model for a target through a pipeline of stages. Tick two runs to compare them side by side."
        actions={
          <Link className="button primary" href="/runs/new">
            Build a pipeline
          </Link>
        }
      />
      <RequireSession>{() => <RunList />}</RequireSession>
    </>
  );
}
