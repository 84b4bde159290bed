'use client';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { StateBadge } from '../../components/badges';
import { SelectField } from '../../components/form-fields';
import { PageHeader } from '../../components/page-header';
import { RequireSession } from '../../components/require-session';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { TableScroll } from '../../components/table-scroll';
import { RunPairDocument, RunsDocument } from '../../gen/graphql';
import { useQuery } from '../../hooks/use-graphql';
import { formatBytes, formatDate, formatDuration, formatMj, formatMs, formatPercent, formatPointDelta } from '../../lib/format';
import { runOutcome, type RunData, type RunOutcome } from '../../lib/run-metrics';
import { RunCharts } from './run-charts';
import { StageTable } from './stage-table';

interface Row {
  label: string;
  value(outcome: RunOutcome, run: RunData): string;
  /** B − A, formatted, when both have the figure. */
  delta?(a: RunOutcome, b: RunOutcome): string | null;
}

const diff = (a: number | null, b: number | null, format: (value: number) => string) => (a === null || b === null ? null : format(b - a));
const signed = (format: (value: number) => string) => (value: number) => `${value > 0 ? '+' : value < 0 ? '−' : '±'}${format(Math.abs(value))}`;

const ROWS: Row[] = [
  { label: 'State', value: (_o, run) => run.state.toLowerCase() },
  { label: 'Model', value: (_o, run) => run.model.name },
  { label: 'Target', value: (_o, run) => run.target?.name ?? run.targetId },
  { label: 'Stages', value: (_o, run) => run.stages.map((stage) => stage.pluginName).join(' → ') },
  { label: 'Final size', value: (o) => formatBytes(o.sizeBytes), delta: (a, b) => diff(a.sizeBytes, b.sizeBytes, signed(formatBytes)) },
  { label: 'Size vs original', value: (o) => formatPercent(o.sizeRatio), delta: (a, b) => diff(a.sizeRatio, b.sizeRatio, formatPointDelta) },
  { label: 'Fidelity (cosine)', value: (o) => o.cosine?.toFixed(4) ?? '–', delta: (a, b) => diff(a.cosine, b.cosine, signed((v) => v.toFixed(4))) },
  { label: 'Accuracy', value: (o) => (o.accuracy === null ? '–' : `${formatPercent(o.accuracy)} (${formatPointDelta(o.accuracyDelta)})`), delta: (a, b) => diff(a.accuracy, b.accuracy, formatPointDelta) },
  { label: 'Host latency (median)', value: (o) => formatMs(o.hostLatencyMs), delta: (a, b) => diff(a.hostLatencyMs, b.hostLatencyMs, signed(formatMs)) },
  { label: 'Estimated latency on target', value: (o) => formatMs(o.estimatedLatencyMs), delta: (a, b) => diff(a.estimatedLatencyMs, b.estimatedLatencyMs, signed(formatMs)) },
  { label: 'Estimated energy', value: (o) => formatMj(o.estimatedEnergyMj), delta: (a, b) => diff(a.estimatedEnergyMj, b.estimatedEnergyMj, signed(formatMj)) },
  { label: 'Fits the target', value: (o) => (o.fits === null ? '–' : o.fits ? 'yes' : 'no') },
  { label: 'Took', value: (_o, run) => formatDuration(run.durationMs) },
];

function Comparison({ a, b }: { a: RunData; b: RunData }) {
  const outcomes = [runOutcome(a), runOutcome(b)];
  return (
    <>
      <TableScroll label="The two runs side by side">
        <table>
          <thead>
            <tr>
              <th scope="col">Figure</th>
              <th scope="col">
                <Link href={`/runs/${a.id}`}>Run A</Link> <StateBadge state={a.state} />
              </th>
              <th scope="col">
                <Link href={`/runs/${b.id}`}>Run B</Link> <StateBadge state={b.state} />
              </th>
              <th scope="col" className="num">
                B − A
              </th>
            </tr>
          </thead>
          <tbody>
            {ROWS.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td>{row.value(outcomes[0], a)}</td>
                <td>{row.value(outcomes[1], b)}</td>
                <td className="num">{row.delta?.(outcomes[0], outcomes[1]) ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <h2 id="compare-charts">Charts</h2>
      <RunCharts runs={[a, b]} names={['Run A', 'Run B']} />
      <h2 id="compare-stages">Stages</h2>
      <div className="compare">
        <StageTable run={a} caption={`Run A: ${a.model.name} on ${a.targetId}, ${formatDate(a.createdAt)}`} />
        <StageTable run={b} caption={`Run B: ${b.model.name} on ${b.targetId}, ${formatDate(b.createdAt)}`} />
      </div>
    </>
  );
}

function PickRuns({ a, b }: { a: string; b: string }) {
  const router = useRouter();
  const [first, setFirst] = useState(a);
  const [second, setSecond] = useState(b);
  const [problem, setProblem] = useState<string | null>(null);
  const { data, error, reload } = useQuery(RunsDocument, { first: 50 });
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!data) return <Loading what="runs" />;
  if (data.runs.nodes.length < 2) {
    return (
      <EmptyState title="Two runs are needed to compare" action={<Link className="button primary" href="/runs/new">Build a pipeline</Link>}>
        <p>Start another run (for example the same model with other stages or on another target).</p>
      </EmptyState>
    );
  }
  const options = [{ value: '', label: 'Choose a run' }, ...data.runs.nodes.map((run) => ({ value: run.id, label: `${run.model.name} on ${run.targetId}, ${run.stages.map((s) => s.pluginName).join(' → ')} (${formatDate(run.createdAt)})` }))];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!first || !second || first === second) {
      setProblem('Choose two different runs.');
      return;
    }
    router.push(`/runs/compare?a=${first}&b=${second}`);
  };
  return (
    <form className="form panel" onSubmit={submit} noValidate>
      <div className="form-grid">
        <SelectField label="Run A" value={first} onChange={setFirst} options={options} />
        <SelectField label="Run B" value={second} onChange={setSecond} options={options} error={problem} />
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          Compare
        </button>
      </div>
    </form>
  );
}

function CompareLoader() {
  const params = useSearchParams();
  const a = params.get('a') ?? '';
  const b = params.get('b') ?? '';
  const ready = a !== '' && b !== '' && a !== b;
  const { data, error, reload } = useQuery(RunPairDocument, { a, b }, { skip: !ready });
  if (!ready) return <PickRuns a={a} b={b} />;
  if (error) return <ErrorState error={error} onRetry={reload} context="Comparison" />;
  if (!data) return <Loading what="both runs" />;
  return <Comparison a={data.a} b={data.b} />;
}

export function RunCompareView() {
  return (
    <>
      <PageHeader crumbs={[{ href: '/runs', label: 'Runs' }]} title="Compare two runs" description="Final figures side by side with the difference, both runs' stage curves on one chart, and every stage." />
      <RequireSession>{() => <CompareLoader />}</RequireSession>
    </>
  );
}
