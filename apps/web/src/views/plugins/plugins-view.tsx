'use client';
import Link from 'next/link';
import { useState } from 'react';
import { Tag } from '../../components/badges';
import { SelectField, TextField } from '../../components/form-fields';
import { PageHeader } from '../../components/page-header';
import { RequireSession } from '../../components/require-session';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { PluginsDocument } from '../../gen/graphql';
import { useQuery } from '../../hooks/use-graphql';

function PluginList() {
  const [search, setSearch] = useState('');
  const [owner, setOwner] = useState('');
  const filter = { ...(search.trim() ? { search: search.trim() } : {}), ...(owner ? { builtin: owner === 'builtin' } : {}) };
  const { data, error, reload } = useQuery(PluginsDocument, { filter, first: 100 });
  return (
    <>
      <form className="filters" role="search" aria-label="Filter plugins" onSubmit={(event) => event.preventDefault()}>
        <TextField label="Search" type="search" value={search} onChange={setSearch} help="Name or description" />
        <SelectField
          label="Source"
          value={owner}
          onChange={setOwner}
          options={[
            { value: '', label: 'Built-in and team' },
            { value: 'builtin', label: 'Built-in only' },
            { value: 'team', label: "Team's own only" },
          ]}
        />
      </form>
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : !data ? (
        <Loading what="plugins" />
      ) : data.plugins.nodes.length === 0 ? (
        <EmptyState title="No plugin matches">
          <p>
            {owner === 'team'
              ? 'Your team has not published plugins yet: build one with the plugin SDK and publish it with the edgepress CLI.'
              : 'Clear the search to see every plugin.'}
          </p>
        </EmptyState>
      ) : (
        <ul className="cards plain-list" aria-label="Plugins">
          {data.plugins.nodes.map((plugin) => (
            <li key={plugin.id} className="panel">
              <h2 className="card-title">
                <Link href={`/plugins/${encodeURIComponent(plugin.name)}`}>{plugin.name}</Link>
              </h2>
              <p>{plugin.description}</p>
              <p className="actions">
                {plugin.kind && <Tag tone="info">{plugin.kind.toLowerCase()}</Tag>}
                {plugin.builtin ? <Tag>built-in</Tag> : <Tag tone="info">team</Tag>}
                {plugin.latestVersion ? <span className="muted">v{plugin.latestVersion.version}</span> : <span className="muted">no usable version</span>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function PluginsView() {
  return (
    <>
      <PageHeader title="Plugins" description="Compression stages: the built-in ones and your team's own. Each version documents its parameters." />
      <RequireSession>{() => <PluginList />}</RequireSession>
    </>
  );
}
