'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { StateBadge } from '../../components/badges';
import { PageHeader } from '../../components/page-header';
import { RequireSession } from '../../components/require-session';
import { ErrorState, FormError, Loading } from '../../components/states';
import { TableScroll } from '../../components/table-scroll';
import { DeleteModelDocument, ModelDocument, type ModelQuery } from '../../gen/graphql';
import { useMutation, useQuery } from '../../hooks/use-graphql';
import { formatBytes, formatCount, formatDate, formatShape, formatSi } from '../../lib/format';
import type { TeamSession } from '../../lib/session-store';
import { precisionLabel } from '../../lib/target-labels';
import { CompatibilityMatrix } from './compatibility-matrix';

type Model = ModelQuery['model'];

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat">
      <span className="label">{label}</span>
      <span className="value">{value}</span>
    </div>
  );
}

function ValueTable({ caption, values }: { caption: string; values: Model['summary']['inputs'] }) {
  return (
    <TableScroll label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Shape</th>
          </tr>
        </thead>
        <tbody>
          {values.map((value) => (
            <tr key={value.name}>
              <td className="wrap-anywhere">
                <code>{value.name}</code>
              </td>
              <td>{value.elemType}</td>
              <td>{formatShape(value.shape)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function Summary({ model }: { model: Model }) {
  const s = model.summary;
  const symbols = [...new Set(s.inputs.flatMap((input) => (input.shape ?? []).flatMap((dim) => (dim.size === null && dim.symbol ? [dim.symbol] : []))))];
  return (
    <>
      {!s.macsComplete && symbols.length > 0 && (
        <p className="notice warn">
          Inputs have symbolic sizes ({symbols.join(', ')}): MACs, activations and the estimates below count only the layers whose shapes are known. For complete figures,{' '}
          <Link href="/models/new">upload the model again</Link> with values for them (for example {symbols[0]} = 1).
        </p>
      )}
      <section className="panel" aria-labelledby="summary">
        <h2 id="summary">Summary</h2>
        <div className="cards">
          <Stat label="File size" value={formatBytes(model.sizeBytes)} />
          <Stat label="Parameters" value={formatCount(s.parameters)} />
          <Stat label="Weights" value={formatBytes(s.weightBytes)} />
          <Stat label="MACs per inference" value={`${formatSi(s.macs)}${s.macsComplete ? '' : ' (lower bound)'}`} />
          <Stat label="Nodes / layers" value={`${formatCount(s.nodeCount)} / ${formatCount(s.layerCount)}`} />
          <Stat label="Peak activations" value={formatBytes(s.peakActivationBytes)} />
        </div>
        <dl className="specs">
          <dt>Opsets</dt>
          <dd>{s.opsets.map((opset) => `${opset.domain || 'ai.onnx'} ${opset.version}`).join(', ')}</dd>
          <dt>IR version</dt>
          <dd>{s.irVersion}</dd>
          <dt>Producer</dt>
          <dd>{s.producer || 'unknown'}</dd>
          <dt>Non-zero parameters</dt>
          <dd>{formatCount(s.nonZeroParameters)}</dd>
          <dt>Shapes</dt>
          <dd>{s.dynamicShapes ? 'some inputs have symbolic sizes' : 'static'}</dd>
          <dt>sha256</dt>
          <dd className="mono wrap-anywhere">{model.blobSha256}</dd>
        </dl>
      </section>

      <h2 id="io">Inputs and outputs</h2>
      <div className="compare">
        <ValueTable caption="Inputs" values={s.inputs} />
        <ValueTable caption="Outputs" values={s.outputs} />
      </div>

      <h2 id="sizes">Sizes by type</h2>
      <div className="compare">
        <TableScroll label="Weights by element type">
          <table>
            <caption>Weights by element type</caption>
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col" className="num">
                  Parameters
                </th>
                <th scope="col" className="num">
                  Bytes
                </th>
              </tr>
            </thead>
            <tbody>
              {s.weightsByType.map((row) => (
                <tr key={row.elemType}>
                  <td>{row.elemType}</td>
                  <td className="num">{formatCount(row.parameters)}</td>
                  <td className="num">{formatBytes(row.bytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        <TableScroll label="Layers by precision">
          <table>
            <caption>Layers by precision</caption>
            <thead>
              <tr>
                <th scope="col">Precision</th>
                <th scope="col" className="num">
                  Layers
                </th>
              </tr>
            </thead>
            <tbody>
              {s.layersByPrecision.map((row) => (
                <tr key={row.precision}>
                  <td>{precisionLabel(row.precision)}</td>
                  <td className="num">{row.layers}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </div>

      <h2 id="operators">Operators</h2>
      <TableScroll label="Operator histogram">
        <table>
          <thead>
            <tr>
              <th scope="col">Operator</th>
              <th scope="col" className="num">
                Nodes
              </th>
            </tr>
          </thead>
          <tbody>
            {s.operators.map((op) => (
              <tr key={op.opType}>
                <td>
                  <code>{op.opType}</code>
                </td>
                <td className="num">{op.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

function ModelDetail({ model, session, reload }: { model: Model; session: TeamSession; reload(): void }) {
  const router = useRouter();
  const remove = useMutation(DeleteModelDocument);
  return (
    <>
      <PageHeader
        crumbs={[{ href: '/models', label: 'Models' }]}
        title={model.name}
        description={model.description || `Uploaded ${formatDate(model.createdAt)}`}
        actions={
          <>
            {session.permissions.includes('RUN') && (
              <Link className="button primary" href={`/runs/new?model=${model.id}`}>
                Compress this model
              </Link>
            )}
            <a className="button" href={model.downloadUrl} download={`${model.name}.onnx`}>
              Download
            </a>
            {session.permissions.includes('UPLOAD') && (
              <button
                type="button"
                className="danger"
                disabled={remove.pending}
                onClick={async () => {
                  if (!window.confirm(`Delete the model ${model.name}? Models that runs used cannot be deleted.`)) return;
                  if (await remove.run({ id: model.id })) router.push('/models');
                  else reload();
                }}
              >
                Delete
              </button>
            )}
          </>
        }
      />
      <FormError error={remove.error} />
      <Summary model={model} />
      <CompatibilityMatrix modelId={model.id} />
      <h2 id="model-runs">Runs of this model</h2>
      {model.runs.nodes.length === 0 ? (
        <p>
          No runs yet. <Link href={`/runs/new?model=${model.id}`}>Build a pipeline</Link> to compress it.
        </p>
      ) : (
        <ul>
          {model.runs.nodes.map((run) => (
            <li key={run.id}>
              <Link href={`/runs/${run.id}`}>Run on {run.targetId}</Link> <StateBadge state={run.state} /> <span className="muted">{formatDate(run.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function ModelLoader({ id, session }: { id: string; session: TeamSession }) {
  const { data, error, reload } = useQuery(ModelDocument, { id });
  if (error) return <ErrorState error={error} onRetry={reload} context="Model" />;
  if (!data) return <Loading what="the model" />;
  return <ModelDetail model={data.model} session={session} reload={reload} />;
}

export function ModelDetailView({ id }: { id: string }) {
  return <RequireSession>{(session) => <ModelLoader id={id} session={session} />}</RequireSession>;
}
