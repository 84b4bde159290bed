/** Team roles, most to least privileged. Members and API tokens each carry one. */
export const ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
