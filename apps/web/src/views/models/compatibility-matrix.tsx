'use client';
import Link from 'next/link';
import { useState } from 'react';
import { Tag, YesNo } from '../../components/badges';
import { SelectField } from '../../components/form-fields';
import { ErrorState, Loading } from '../../components/states';
import { TableScroll } from '../../components/table-scroll';
import { ModelCompatibilityDocument, type ModelCompatibilityQuery } from '../../gen/graphql';
import { useQuery } from '../../hooks/use-graphql';
import { formatMj, formatMs } from '../../lib/format';
import { KIND_LABELS } from '../../lib/target-labels';

type Row = ModelCompatibilityQuery['model']['compatibilityMatrix'][number];

const SORTS: Record<string, (a: Row, b: Row) => number> = {
  verdict: (a, b) => Number(b.compatible) - Number(a.compatible) || Number(b.fits) - Number(a.fits) || a.estimatedLatencyMs - b.estimatedLatencyMs,
  latency: (a, b) => a.estimatedLatencyMs - b.estimatedLatencyMs,
  energy: (a, b) => a.estimatedEnergyMj - b.estimatedEnergyMj,
  name: (a, b) => a.target.name.localeCompare(b.target.name),
};

function Verdict({ row }: { row: Row }) {
  if (row.compatible) return <Tag tone="ok">runs as is</Tag>;
  if (!row.fits) return <Tag tone="bad">does not fit</Tag>;
  if (row.unsupportedOps.length > 0) return <Tag tone="bad">unsupported operators</Tag>;
  if (row.needsInt8) return <Tag tone="warn">needs int8</Tag>;
  return <Tag tone="warn">needs changes</Tag>;
}

export function CompatibilityMatrix({ modelId }: { modelId: string }) {
  const { data, error, reload } = useQuery(ModelCompatibilityDocument, { id: modelId });
  const [kind, setKind] = useState('');
  const [sort, setSort] = useState('verdict');
  const rows = [...(data?.model.compatibilityMatrix ?? [])].filter((row) => !kind || row.target.kind === kind).sort(SORTS[sort]);
  return (
    <section aria-labelledby="compatibility">
      <h2 id="compatibility">Compatibility with every target</h2>
      <p className="muted">
        Can each target run this model as it is, does it fit, and what a roofline model estimates per inference (latency × active power = energy). Estimates are not
        measurements; a lower bound when some layer could not be estimated.
      </p>
      {error ? (
        <ErrorState error={error} onRetry={reload} context="Compatibility" />
      ) : !data ? (
        <Loading what="the compatibility matrix" />
      ) : (
        <>
          <div className="filters">
            <SelectField
              label="Kind"
              value={kind}
              onChange={setKind}
              options={[{ value: '', label: 'All kinds' }, ...Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))]}
            />
            <SelectField
              label="Sort by"
              value={sort}
              onChange={setSort}
              options={[
                { value: 'verdict', label: 'Verdict, then latency' },
                { value: 'latency', label: 'Estimated latency' },
                { value: 'energy', label: 'Estimated energy' },
                { value: 'name', label: 'Target name' },
              ]}
            />
          </div>
          <TableScroll label="Compatibility matrix">
            <table>
              <thead>
                <tr>
                  <th scope="col">Target</th>
                  <th scope="col">Verdict</th>
                  <th scope="col">Fits</th>
                  <th scope="col">Needs int8</th>
                  <th scope="col">Unsupported operators</th>
                  <th scope="col" className="num">
                    Est. latency
                  </th>
                  <th scope="col" className="num">
                    Est. energy
                  </th>
                  <th scope="col">Issues</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.target.id}>
                    <td>
                      <Link href={`/targets/${row.target.id}`}>{row.target.name}</Link>
                      <div className="muted">{KIND_LABELS[row.target.kind] ?? row.target.kind}</div>
                    </td>
                    <td>
                      <Verdict row={row} />
                    </td>
                    <td>
                      <YesNo value={row.fits} />
                    </td>
                    <td>{row.needsInt8 ? <Tag tone="warn">yes</Tag> : <Tag>no</Tag>}</td>
                    <td className="wrap-anywhere">{row.unsupportedOps.length ? row.unsupportedOps.join(', ') : 'none'}</td>
                    <td className="num">
                      {formatMs(row.estimatedLatencyMs)}
                      {row.estimateComplete ? '' : ' +'}
                    </td>
                    <td className="num">{formatMj(row.estimatedEnergyMj)}</td>
                    <td>
                      {row.issues.length === 0 ? (
                        'none'
                      ) : (
                        <details>
                          <summary>
                            {row.errorCount} error{row.errorCount === 1 ? '' : 's'}, {row.warningCount} warning{row.warningCount === 1 ? '' : 's'}
                          </summary>
                          <ul>
                            {row.issues.map((issue, index) => (
                              <li key={`${issue.code}-${index}`}>
                                <strong>{issue.severity.toLowerCase()}</strong> {issue.message}
                              </li>
                            ))}
                          </ul>
                        </details>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </section>
  );
}
