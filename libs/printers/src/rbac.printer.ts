import type { KubeObject } from '@kubesim/api';
import { AGE_DESCRIPTION, column, NAME_DESCRIPTION, type Columns } from './columns';
import { humanDurationSince } from './human-duration';

/** kubectl's printer for Roles and ClusterRoles: NAME CREATED AT. */
export const roleColumns: Columns = [column('Name', NAME_DESCRIPTION, { format: 'name' }), column('Created At', AGE_DESCRIPTION, { type: 'date' })];
export const roleRow = (o: KubeObject): string[] => [o.metadata.name, o.metadata.creationTimestamp ?? ''];

/** RoleBindings and ClusterRoleBindings: NAME ROLE AGE, `-o wide` USERS GROUPS SERVICEACCOUNTS. */
export const bindingColumns: Columns = [
  column('Name', NAME_DESCRIPTION, { format: 'name' }),
  column('Role', 'RoleRef is the reference to the role'),
  column('Age', AGE_DESCRIPTION),
  column('Users', 'Users in the binding', { priority: 1 }),
  column('Groups', 'Groups in the binding', { priority: 1 }),
  column('ServiceAccounts', 'ServiceAccounts in the binding', { priority: 1 }),
];

export function bindingRow(o: KubeObject & Record<string, any>, now: number, wide: boolean): string[] {
  const row = [o.metadata.name, `${o.roleRef?.kind ?? ''}/${o.roleRef?.name ?? ''}`, humanDurationSince(o.metadata.creationTimestamp, now)];
  if (!wide) return row;
  const subjects: { kind?: string; name?: string; namespace?: string }[] = Array.isArray(o.subjects) ? o.subjects : [];
  const of = (kind: string) => subjects.filter((s) => s.kind === kind).map((s) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : s.name)).join(', ');
  return [...row, of('User'), of('Group'), of('ServiceAccount')];
}
