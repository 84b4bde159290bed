import type { Role } from '@edgepress/db';

/** Who a request speaks for: a verified API token's team and role. */
export interface Viewer {
  tokenId: string;
  teamId: string;
  role: Role;
  /** The account that created the token, when accounts are in use. */
  accountId: string | null;
}
