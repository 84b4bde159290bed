import { Field, ID, ObjectType } from 'type-graphql';
import { PluginKindEnum } from '../enums';
import { DateTimeScalar, JsonObjectScalar } from '../scalars';
import { connectionType } from './page';

@ObjectType('PluginVersion', { description: 'One published, immutable version of a plugin' })
export class PluginVersionType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  version!: string;

  @Field(() => PluginKindEnum, { nullable: true, description: 'From the manifest (null if the manifest names an unknown kind)' })
  kind!: string | null;

  @Field(() => String)
  description!: string;

  @Field(() => String, { nullable: true, description: 'semver range of the plugin SDK it needs' })
  engines!: string | null;

  @Field(() => String, { nullable: true })
  sdkVersion!: string | null;

  @Field(() => JsonObjectScalar, { description: 'JSON Schema (draft 2020-12) of the stage params, with defaults and descriptions: render it as a form' })
  paramsSchema!: Record<string, unknown>;

  @Field(() => JsonObjectScalar, { description: 'The whole manifest as published' })
  manifest!: Record<string, unknown>;

  @Field(() => String)
  bundleSha256!: string;

  @Field(() => Boolean)
  signed!: boolean;

  @Field(() => Boolean, { description: 'Yanked versions are not chosen for new runs; runs that pinned one keep it' })
  yanked!: boolean;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

/** A plugin; latestVersion and versions: resolvers/plugin-resolver.ts. */
@ObjectType('Plugin')
export class PluginType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => Boolean, { description: 'Built-in plugins ship with Edgepress and are visible to every team' })
  builtin!: boolean;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

export const PluginConnectionType = connectionType('Plugin', () => PluginType);
