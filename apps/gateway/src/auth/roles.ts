import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { Role } from '@edgepress/db';
import type { PermissionEnum } from '../schema/enums';
import type { Viewer } from './viewer';

/**
 * What each role may do. Viewers read; members also upload models and datasets, run pipelines
 * and save them; admins and owners also manage the team's targets and API tokens.
 */
export type Permission = (typeof PermissionEnum)[keyof typeof PermissionEnum];

const RANK: Readonly<Record<Role, number>> = { viewer: 0, member: 1, admin: 2, owner: 3 };

const MINIMUM_ROLE: Readonly<Record<Permission, Role>> = {
  read: 'viewer',
  upload: 'member',
  run: 'member',
  'manage-pipelines': 'member',
  'manage-targets': 'admin',
  'manage-tokens': 'admin',
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return RANK[role] >= RANK[MINIMUM_ROLE[permission]];
}

export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(MINIMUM_ROLE) as Permission[]).filter((permission) => hasPermission(role, permission));
}

/** Throws FORBIDDEN unless the viewer's role grants the permission. */
export function requirePermission(viewer: Viewer, permission: Permission): void {
  if (!hasPermission(viewer.role, permission)) {
    throw new EdgepressError(
      ErrorCode.FORBIDDEN,
      `This token's role (${viewer.role}) does not allow ${permission}; it needs the ${MINIMUM_ROLE[permission]} role or higher`,
      { details: { permission, role: viewer.role } },
    );
  }
}

/** A token may grant at most its own role. */
export function requireGrantableRole(viewer: Viewer, role: Role): void {
  if (RANK[role] > RANK[viewer.role]) {
    throw new EdgepressError(ErrorCode.FORBIDDEN, `A ${viewer.role} token cannot create a token with the higher role ${role}`, {
      details: { role },
    });
  }
}
