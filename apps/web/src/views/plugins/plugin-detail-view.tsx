'use client';
import Link from 'next/link';
import { useState } from 'react';
import { Tag } from '../../components/badges';
import { SelectField } from '../../components/form-fields';
import { PageHeader } from '../../components/page-header';
import { RequireSession } from '../../components/require-session';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { TableScroll } from '../../components/table-scroll';
import { PluginDocument, type PluginQuery } from '../../gen/graphql';
import { useQuery } from '../../hooks/use-graphql';
import { formatDate } from '../../lib/format';
import { constraintHint, fieldsFromSchema, type ParamField } from '../../lib/json-schema-form';

type Version = PluginQuery['pluginByName']['versions'][number];

const CONTROL_NAMES: Record<ParamField['kind'], string> = {
  select: 'one of',
  boolean: 'true / false',
  number: 'number',
  string: 'text',
  list: 'list',
  record: 'name → value map',
  const: 'fixed',
  json: 'JSON',
  multiselect: 'any of',
  group: 'group of settings',
};

function typeOf(field: ParamField): string {
  if (field.kind === 'select') return `one of ${field.options.map((option) => option.label).join(', ')}`;
  if (field.kind === 'multiselect') return `any of ${field.options.map((option) => option.label).join(', ')}`;
  if (field.kind === 'number') return field.integer ? 'whole number' : 'number';
  return CONTROL_NAMES[field.kind];
}

/** Fields with a group's children after it, named group.child. */
function docRows(fields: readonly ParamField[]): { name: string; field: ParamField }[] {
  return fields.flatMap((field) => [{ name: field.name, field }, ...(field.kind === 'group' ? field.fields.map((child) => ({ name: `${field.name}.${child.name}`, field: child })) : [])]);
}

function ParamsDocs({ version }: { version: Version }) {
  const fields = docRows(fieldsFromSchema(version.paramsSchema));
  return (
    <>
      {fields.length === 0 ? (
        <p>This version takes no parameters.</p>
      ) : (
        <TableScroll label={`Parameters of version ${version.version}`}>
          <table>
            <caption>Parameters of {version.version}</caption>
            <thead>
              <tr>
                <th scope="col">Parameter</th>
                <th scope="col">Type</th>
                <th scope="col">Rules and default</th>
                <th scope="col">Description</th>
              </tr>
            </thead>
            <tbody>
              {fields.map(({ name, field }) => (
                <tr key={name}>
                  <td>
                    <code>{name}</code>
                    {field.required && field.defaultValue === undefined && <Tag tone="warn">required</Tag>}
                  </td>
                  <td>{typeOf(field)}</td>
                  <td>{constraintHint(field) || '–'}</td>
                  <td>{field.description ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <details>
        <summary>JSON Schema of the parameters</summary>
        <pre>{JSON.stringify(version.paramsSchema, null, 2)}</pre>
      </details>
    </>
  );
}

function PluginDetail({ name }: { name: string }) {
  const { data, error, reload } = useQuery(PluginDocument, { name });
  const [selected, setSelected] = useState<string | null>(null);
  if (error) return <ErrorState error={error} onRetry={reload} context={`Plugin ${name}`} />;
  if (!data) return <Loading what={`plugin ${name}`} />;
  const plugin = data.pluginByName;
  const versions = plugin.versions;
  const version = versions.find((candidate) => candidate.version === selected) ?? versions.find((candidate) => !candidate.yanked) ?? versions[0];
  return (
    <>
      <PageHeader
        crumbs={[{ href: '/plugins', label: 'Plugins' }]}
        title={plugin.name}
        description={plugin.description}
        actions={
          <Link className="button primary" href={`/runs/new?stage=${encodeURIComponent(plugin.name)}`}>
            Use in a pipeline
          </Link>
        }
      />
      <p className="actions">
        {plugin.kind && <Tag tone="info">{plugin.kind.toLowerCase()}</Tag>}
        {plugin.builtin ? <Tag>built-in</Tag> : <Tag tone="info">team</Tag>}
      </p>
      {!version ? (
        <EmptyState title="No published version">
          <p>Publish a version with the edgepress CLI before using this plugin in a pipeline.</p>
        </EmptyState>
      ) : (
        <>
          <h2 id="versions">Versions</h2>
          <TableScroll label="Versions">
            <table>
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Kind</th>
                  <th scope="col">SDK range</th>
                  <th scope="col">Signed</th>
                  <th scope="col">Published</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((candidate) => (
                  <tr key={candidate.id}>
                    <td>{candidate.version}</td>
                    <td>{candidate.kind?.toLowerCase() ?? 'unknown'}</td>
                    <td>{candidate.engines ?? '–'}</td>
                    <td>{candidate.signed ? 'yes' : 'no'}</td>
                    <td>{formatDate(candidate.createdAt)}</td>
                    <td>{candidate.yanked ? <Tag tone="warn">yanked</Tag> : <Tag tone="ok">available</Tag>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <h2 id="parameters">Parameters</h2>
          {versions.length > 1 && (
            <div className="filters">
              <SelectField label="Version" value={version.version} onChange={setSelected} options={versions.map((candidate) => ({ value: candidate.version, label: candidate.version }))} />
            </div>
          )}
          {version.description && version.description !== plugin.description && <p>{version.description}</p>}
          <ParamsDocs version={version} />
          <p className="muted mono wrap-anywhere">bundle sha256 {version.bundleSha256}</p>
        </>
      )}
    </>
  );
}

export function PluginDetailView({ name }: { name: string }) {
  return <RequireSession>{() => <PluginDetail name={name} />}</RequireSession>;
}
