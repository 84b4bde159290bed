'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { Tag, YesNo } from '../../components/badges';
import { PageHeader } from '../../components/page-header';
import { RequireSession } from '../../components/require-session';
import { ErrorState, FormError, Loading } from '../../components/states';
import { TableScroll } from '../../components/table-scroll';
import { DeleteTargetDocument, TargetDocument, type TargetQuery } from '../../gen/graphql';
import { useMutation, useQuery } from '../../hooks/use-graphql';
import type { TeamSession } from '../../lib/session-store';
import { formatBytes, formatDate, formatSi } from '../../lib/format';
import { KIND_LABELS, precisionLabel } from '../../lib/target-labels';

type Target = TargetQuery['target'];

function OpList({ ops, label }: { ops: readonly string[]; label: string }) {
  return (
    <details>
      <summary>
        {label} ({ops.length})
      </summary>
      <p className="mono wrap-anywhere">{ops.join(', ') || 'none'}</p>
    </details>
  );
}

function KindSpecs({ target }: { target: Target }) {
  switch (target.__typename) {
    case 'CpuTarget':
      return (
        <>
          <dt>Architecture</dt>
          <dd>{target.architecture}</dd>
          <dt>Cores × clock</dt>
          <dd>
            {target.cores} × {formatSi(target.clockHz, 'Hz')}
          </dd>
          <dt>ISA features</dt>
          <dd>{target.isaFeatures.join(', ') || 'none'}</dd>
        </>
      );
    case 'GpuTarget':
      return (
        <>
          <dt>Compute capability</dt>
          <dd>{target.computeCapability}</dd>
          <dt>Cores × clock</dt>
          <dd>
            {target.cores} × {formatSi(target.clockHz, 'Hz')}
          </dd>
          <dt>Tensor cores</dt>
          <dd>
            {target.tensorCores} {target.sparseTensorCores && <Tag tone="info">2:4 sparse</Tag>}
          </dd>
        </>
      );
    case 'NpuTarget':
      return (
        <>
          <dt>Static shapes required</dt>
          <dd>{target.staticShapesRequired ? 'yes' : 'no'}</dd>
          <dt>Unsupported operators</dt>
          <dd>{target.unsupportedOps === 'host-fallback' ? 'run on the host CPU' : 'rejected at compile time'}</dd>
          <dt>Max tensor rank</dt>
          <dd>{target.maxTensorRank ?? 'unlimited'}</dd>
          <dt>fp32 runs as</dt>
          <dd>{target.fp32ExecutedAs ? precisionLabel(target.fp32ExecutedAs) : 'fp32 (or not at all)'}</dd>
          {target.offChipWeightStreaming && (
            <>
              <dt>Off-chip weights</dt>
              <dd>
                streamed over {target.offChipWeightStreaming.link} at {formatSi(target.offChipWeightStreaming.bandwidthBytesPerSecond, 'B/s')}
              </dd>
            </>
          )}
          <dt>Operators</dt>
          <dd>
            <OpList ops={target.supportedOps} label="Supported ONNX operators" />
          </dd>
        </>
      );
    case 'McuTarget':
      return (
        <>
          <dt>Core × clock</dt>
          <dd>
            {target.core} × {formatSi(target.clockHz, 'Hz')}
          </dd>
          <dt>FPU</dt>
          <dd>{target.fpu}</dd>
          <dt>ISA features</dt>
          <dd>{target.isaFeatures.join(', ') || 'none'}</dd>
          <dt>Flash</dt>
          <dd>
            {formatBytes(target.flash.bytes)}, read at {formatSi(target.flash.readBandwidthBytesPerSecond, 'B/s')}
          </dd>
          <dt>External RAM</dt>
          <dd>{target.externalRam ? `${formatBytes(target.externalRam.bytes)} at ${formatSi(target.externalRam.bandwidthBytesPerSecond, 'B/s')}` : 'none'}</dd>
          <dt>Largest SRAM block</dt>
          <dd>{formatBytes(target.largestContiguousSramBytes)}</dd>
          <dt>Kernels</dt>
          <dd>
            {target.kernels.library}
            <OpList ops={target.kernels.supportedOps} label="Operators with a kernel" />
            <OpList ops={target.kernels.optimizedOps} label="Optimized (SIMD) kernels" />
          </dd>
        </>
      );
  }
}

function TargetDetail({ target, session }: { target: Target; session: TeamSession }) {
  const router = useRouter();
  const remove = useMutation(DeleteTargetDocument);
  const requirements = target.quantizationRequirements;
  const canManage = session.permissions.includes('MANAGE_TARGETS');
  return (
    <>
      <PageHeader
        crumbs={[{ href: '/targets', label: 'Targets' }]}
        title={target.name}
        description={target.description}
        actions={
          <>
            <Link className="button primary" href={`/runs/new?target=${encodeURIComponent(target.id)}`}>
              Compress for this target
            </Link>
            {!target.builtin && canManage && (
              <>
                <Link className="button" href={`/targets/${target.id}/edit`}>
                  Edit
                </Link>
                <button
                  type="button"
                  className="danger"
                  disabled={remove.pending}
                  onClick={async () => {
                    if (!window.confirm(`Delete the target ${target.id}? Runs keep the copy they were created with.`)) return;
                    if (await remove.run({ id: target.id })) router.push('/targets');
                  }}
                >
                  Delete
                </button>
              </>
            )}
            {target.builtin && (
              <Link className="button" href={`/targets/new?from=${encodeURIComponent(target.id)}`}>
                Copy as a team target
              </Link>
            )}
          </>
        }
      />
      <FormError error={remove.error} />
      <div className="cards">
        <section className="panel" aria-labelledby="overview">
          <h2 id="overview">Overview</h2>
          <dl className="specs">
            <dt>Id</dt>
            <dd>
              <code>{target.id}</code> {target.builtin ? <Tag>catalog</Tag> : <Tag tone="info">team</Tag>}
            </dd>
            <dt>Kind</dt>
            <dd>{KIND_LABELS[target.kind] ?? target.kind}</dd>
            <dt>Vendor</dt>
            <dd>{target.vendor}</dd>
            <KindSpecs target={target} />
            {!target.builtin && (
              <>
                <dt>Updated</dt>
                <dd>{formatDate(target.updatedAt)}</dd>
              </>
            )}
          </dl>
        </section>
        <section className="panel" aria-labelledby="memory-power">
          <h2 id="memory-power">Memory and power</h2>
          <dl className="specs">
            <dt>Working memory</dt>
            <dd>{formatBytes(target.memory.ramBytes)}</dd>
            <dt>Bandwidth</dt>
            <dd>{formatSi(target.memory.bandwidthBytesPerSecond, 'B/s')}</dd>
            <dt>Power</dt>
            <dd>
              {target.power.activeWatts} W active, {target.power.idleWatts} W idle
            </dd>
            <dt>Fallback path</dt>
            <dd>
              {target.fallback.description} ({formatSi(target.fallback.macsPerSecond, 'MAC/s')})
            </dd>
          </dl>
        </section>
      </div>

      <h2 id="compute">Compute</h2>
      <TableScroll label="Peak throughput by precision">
        <table>
          <thead>
            <tr>
              <th scope="col">Precision</th>
              <th scope="col" className="num">
                Peak
              </th>
            </tr>
          </thead>
          <tbody>
            {target.peakMacsPerSecond.map((peak) => (
              <tr key={peak.precision}>
                <td>{precisionLabel(peak.precision)}</td>
                <td className="num">{formatSi(peak.macsPerSecond, 'MAC/s')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>

      <h2 id="quantization">What compression must honour</h2>
      <dl className="specs">
        <dt>Whole model quantized</dt>
        <dd>
          <YesNo value={requirements.requiresQuantization} yes="required" no="not required" invert />
        </dd>
        <dt>Allowed precisions</dt>
        <dd>{requirements.allowedPrecisions.map(precisionLabel).join(', ')}</dd>
        <dt>Scales</dt>
        <dd>{requirements.perTensorOnly ? 'per tensor only' : 'per channel allowed'}</dd>
        <dt>Weights</dt>
        <dd>{requirements.symmetricWeights ? 'symmetric (zero point 0)' : 'asymmetric allowed'}</dd>
        <dt>Reduced range</dt>
        <dd>{requirements.reduceRange ? '7-bit weights (no VNNI)' : 'no'}</dd>
        <dt>Static shapes</dt>
        <dd>{requirements.staticShapes ? 'required' : 'not required'}</dd>
        <dt>Sparsity</dt>
        <dd>
          {target.sparsity.structured.map((pattern) => `${pattern.n}:${pattern.m} (${pattern.speedup}× on ${pattern.precisions.map(precisionLabel).join('/')})`).join(', ') ||
            'no structured pattern'}
          {target.sparsity.unstructured
            ? `; unstructured from ${Math.round(target.sparsity.unstructured.minSparsity * 100)} % (${target.sparsity.unstructured.speedup}×)`
            : '; unstructured sparsity only saves storage'}
        </dd>
      </dl>

      {target.runtimeNotes.length > 0 && (
        <>
          <h2 id="notes">Runtime notes</h2>
          <ul>
            {target.runtimeNotes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </>
      )}

      <h2 id="sources">Sources</h2>
      <p className="muted">Where the figures above come from; entries are numbered as in the catalog.</p>
      <ol>
        {target.sources.map((source) => (
          <li key={source.title}>
            {source.url ? (
              <a href={source.url} rel="noreferrer noopener" target="_blank">
                {source.title}
                <span className="visually-hidden"> (opens in a new tab)</span>
              </a>
            ) : (
              source.title
            )}
          </li>
        ))}
      </ol>
    </>
  );
}

export function TargetDetailView({ id }: { id: string }) {
  return (
    <RequireSession>
      {(session) => <TargetLoader id={id} session={session} />}
    </RequireSession>
  );
}

function TargetLoader({ id, session }: { id: string; session: TeamSession }) {
  const { data, error, reload } = useQuery(TargetDocument, { id });
  if (error) return <ErrorState error={error} onRetry={reload} context={`Target ${id}`} />;
  if (!data) return <Loading what={`target ${id}`} />;
  return <TargetDetail target={data.target} session={session} />;
}
