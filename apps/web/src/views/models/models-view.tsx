'use client';
import Link from 'next/link';
import { useState } from 'react';
import { TextField } from '../../components/form-fields';
import { PageHeader } from '../../components/page-header';
import { RequireSession } from '../../components/require-session';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { TableScroll } from '../../components/table-scroll';
import { ModelsDocument } from '../../gen/graphql';
import { useQuery } from '../../hooks/use-graphql';
import { formatBytes, formatCount, formatDate, formatSi } from '../../lib/format';

function ModelList() {
  const [search, setSearch] = useState('');
  const { data, error, loading, reload } = useQuery(ModelsDocument, { filter: search.trim() ? { name: search.trim() } : null, first: 100 });
  return (
    <>
      <form className="filters" role="search" aria-label="Filter models" onSubmit={(event) => event.preventDefault()}>
        <TextField label="Search by name" type="search" value={search} onChange={setSearch} />
      </form>
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : !data ? (
        <Loading what="models" />
      ) : data.models.nodes.length === 0 ? (
        search.trim() ? (
          <EmptyState title={`No model matches "${search.trim()}"`}>
            <p>Check the spelling, or clear the search to see every model.</p>
          </EmptyState>
        ) : (
          <EmptyState
            title="No models yet"
            action={
              <Link className="button primary" href="/models/new">
                Upload a model
              </Link>
            }
          >
            <p>Upload an ONNX model to see what it contains and which targets can run it.</p>
          </EmptyState>
        )
      ) : (
        <TableScroll label="Models">
          <table aria-busy={loading}>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col" className="num">
                  Parameters
                </th>
                <th scope="col" className="num">
                  MACs
                </th>
                <th scope="col">Uploaded</th>
              </tr>
            </thead>
            <tbody>
              {data.models.nodes.map((model) => (
                <tr key={model.id}>
                  <td>
                    <Link href={`/models/${model.id}`}>{model.name}</Link>
                    {model.description && <div className="muted">{model.description}</div>}
                  </td>
                  <td className="num">{formatBytes(model.sizeBytes)}</td>
                  <td className="num">{formatCount(model.summary.parameters)}</td>
                  <td className="num">{formatSi(model.summary.macs)}</td>
                  <td>{formatDate(model.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

export function ModelsView() {
  return (
    <>
      <PageHeader
        title="Models"
        description="Your team's ONNX models. Open one for its summary and its compatibility with every target."
        actions={
          <Link className="button primary" href="/models/new">
            Upload a model
          </Link>
        }
      />
      <RequireSession>{() => <ModelList />}</RequireSession>
    </>
  );
}
