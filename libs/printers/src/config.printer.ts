import type { KubeObject } from '@kubesim/api';
import { AGE_DESCRIPTION, column, NAME_DESCRIPTION, type Columns } from './columns';
import { humanDurationSince } from './human-duration';

const size = (m: unknown) => (m && typeof m === 'object' ? Object.keys(m).length : 0);
const age = (o: KubeObject, now: number) => humanDurationSince(o.metadata.creationTimestamp, now);

/** `kubectl get configmaps`: NAME DATA AGE; DATA counts `data` and `binaryData` keys. */
export const configMapColumns: Columns = [
  column('Name', NAME_DESCRIPTION, { format: 'name' }),
  column('Data', 'Data contains the configuration data.', { type: 'integer' }),
  column('Age', AGE_DESCRIPTION),
];
export const configMapRow = (o: KubeObject & Record<string, any>, now: number): string[] => [o.metadata.name, String(size(o.data) + size(o.binaryData)), age(o, now)];

/** `kubectl get secrets`: NAME TYPE DATA AGE. */
export const secretColumns: Columns = [
  column('Name', NAME_DESCRIPTION, { format: 'name' }),
  column('Type', 'The type of the secret'),
  column('Data', 'The number of data in the secret', { type: 'integer' }),
  column('Age', AGE_DESCRIPTION),
];
export const secretRow = (o: KubeObject & Record<string, any>, now: number): string[] => [o.metadata.name, o.type ?? 'Opaque', String(size(o.data)), age(o, now)];

/** `kubectl get serviceaccounts`: NAME SECRETS AGE. */
export const serviceAccountColumns: Columns = [
  column('Name', NAME_DESCRIPTION, { format: 'name' }),
  column('Secrets', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.', { type: 'integer' }),
  column('Age', AGE_DESCRIPTION),
];
export const serviceAccountRow = (o: KubeObject & Record<string, any>, now: number): string[] => [o.metadata.name, String(Array.isArray(o.secrets) ? o.secrets.length : 0), age(o, now)];

/** kube-apiserver's default Table (kinds without a printer, e.g. LimitRange): NAME CREATED AT. */
export const defaultColumns: Columns = [
  column('Name', NAME_DESCRIPTION, { format: 'name' }),
  column('Created At', AGE_DESCRIPTION, { type: 'date' }),
];
export const defaultRow = (o: KubeObject): string[] => [o.metadata.name, o.metadata.creationTimestamp ?? ''];
