'use client';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { Tag } from '../../components/badges';
import { SelectField, TextField } from '../../components/form-fields';
import { PageHeader } from '../../components/page-header';
import { RequireSession } from '../../components/require-session';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { TableScroll } from '../../components/table-scroll';
import { TargetsDocument, type Precision, type TargetFilter, type TargetKind } from '../../gen/graphql';
import { useQuery } from '../../hooks/use-graphql';
import { formatBytes, formatSi } from '../../lib/format';
import { KIND_LABELS, peakOf, precisionLabel, PRECISIONS } from '../../lib/target-labels';

const MIB = 1024 * 1024;

export interface TargetFilterForm {
  kind: string;
  precision: string;
  minMemoryMiB: string;
  search: string;
  owner: string;
}

/** The gateway filter for the form's values; a min memory that is not a number is an error. */
export function toTargetFilter(form: TargetFilterForm): { filter: TargetFilter; minMemoryError: string | null } {
  const filter: TargetFilter = {};
  if (form.kind) filter.kind = form.kind as TargetKind;
  if (form.precision) filter.precision = form.precision as Precision;
  if (form.search.trim()) filter.search = form.search.trim();
  if (form.owner === 'catalog') filter.builtin = true;
  if (form.owner === 'team') filter.builtin = false;
  let minMemoryError: string | null = null;
  if (form.minMemoryMiB.trim()) {
    const mib = Number(form.minMemoryMiB);
    if (!Number.isFinite(mib) || mib < 0) minMemoryError = 'Enter a number of MiB, 0 or more (e.g. 512).';
    else if (mib > 0) filter.minMemoryBytes = Math.round(mib * MIB);
  }
  return { filter, minMemoryError };
}

function TargetList({ form, setField }: { form: TargetFilterForm; setField(name: keyof TargetFilterForm, value: string): void }) {
  const { filter, minMemoryError } = toTargetFilter(form);
  const { data, error, loading, reload } = useQuery(TargetsDocument, { filter, first: 100 });
  return (
    <>
      <form className="filters" role="search" aria-label="Filter targets" onSubmit={(event) => event.preventDefault()}>
        <TextField label="Search" type="search" value={form.search} onChange={(value) => setField('search', value)} help="Id, name or vendor" />
        <SelectField
          label="Kind"
          value={form.kind}
          onChange={(value) => setField('kind', value)}
          options={[{ value: '', label: 'Any kind' }, ...Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))]}
        />
        <SelectField
          label="Accelerates"
          value={form.precision}
          onChange={(value) => setField('precision', value)}
          options={[{ value: '', label: 'Any precision' }, ...PRECISIONS.map((value) => ({ value, label: precisionLabel(value) }))]}
        />
        <TextField label="Min memory (MiB)" inputMode="decimal" value={form.minMemoryMiB} onChange={(value) => setField('minMemoryMiB', value)} error={minMemoryError} />
        <SelectField
          label="Owner"
          value={form.owner}
          onChange={(value) => setField('owner', value)}
          options={[
            { value: '', label: 'Catalog and team' },
            { value: 'catalog', label: 'Catalog only' },
            { value: 'team', label: "Team's own only" },
          ]}
        />
      </form>
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : !data ? (
        <Loading what="targets" />
      ) : data.targets.nodes.length === 0 ? (
        <EmptyState title="No target matches these filters" action={<Link href="/targets">Clear the filters</Link>}>
          <p>Widen the filters, or define a target of your own.</p>
        </EmptyState>
      ) : (
        <TableScroll label="Hardware targets">
          <table aria-busy={loading}>
            <caption>
              {data.targets.nodes.length} target{data.targets.nodes.length === 1 ? '' : 's'}
              {data.targets.pageInfo.hasNextPage ? ' (the first 100: narrow the filters)' : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Target</th>
                <th scope="col">Kind</th>
                <th scope="col">Accelerates</th>
                <th scope="col" className="num">
                  Memory
                </th>
                <th scope="col" className="num">
                  Peak
                </th>
                <th scope="col" className="num">
                  Active power
                </th>
              </tr>
            </thead>
            <tbody>
              {data.targets.nodes.map((target) => {
                const peak = peakOf(target.peakMacsPerSecond);
                return (
                  <tr key={target.id}>
                    <td>
                      <Link href={`/targets/${target.id}`}>{target.name}</Link>
                      <div className="muted">
                        {target.vendor} · <code>{target.id}</code> {!target.builtin && <Tag tone="info">team</Tag>}
                      </div>
                    </td>
                    <td>{KIND_LABELS[target.kind] ?? target.kind}</td>
                    <td>{target.precisions.map(precisionLabel).join(', ')}</td>
                    <td className="num">{formatBytes(target.memory.ramBytes)}</td>
                    <td className="num">{peak ? `${formatSi(peak.macsPerSecond, 'MAC/s')} ${precisionLabel(peak.precision)}` : '–'}</td>
                    <td className="num">{target.power.activeWatts} W</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

export function TargetsView() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const [form, setForm] = useState<TargetFilterForm>(() => ({
    kind: params.get('kind') ?? '',
    precision: params.get('precision') ?? '',
    minMemoryMiB: params.get('minMemoryMiB') ?? '',
    search: params.get('search') ?? '',
    owner: params.get('owner') ?? '',
  }));
  // Filters are mirrored into the address, so a filtered catalog can be bookmarked and shared;
  // the form keeps its own state so that typing never waits for navigation.
  const setField = (name: keyof TargetFilterForm, value: string) => {
    const nextForm = { ...form, [name]: value };
    setForm(nextForm);
    const query = new URLSearchParams(Object.entries(nextForm).filter(([, v]) => v !== '')).toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  return (
    <>
      <PageHeader
        title="Hardware targets"
        description="The catalog of edge devices with their figures and sources, plus your team's own targets. Filter by kind, accelerated precision and memory."
        actions={
          <Link className="button primary" href="/targets/new">
            Define a target
          </Link>
        }
      />
      <RequireSession>{() => <TargetList form={form} setField={setField} />}</RequireSession>
    </>
  );
}
