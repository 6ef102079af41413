import type { PodDisruptionBudget } from '@kubesim/api';
import { AGE_DESCRIPTION, column, NAME_DESCRIPTION, type Columns } from './columns';
import { humanDurationSince } from './human-duration';

/** `kubectl get poddisruptionbudgets` (printers.go podDisruptionBudgetColumnDefinitions). */
export const podDisruptionBudgetColumns: Columns = [
  column('Name', NAME_DESCRIPTION, { format: 'name' }),
  column('Min Available', 'The minimum number of pods that must be available.'),
  column('Max Unavailable', 'The maximum number of pods that may be unavailable.'),
  column('Allowed Disruptions', 'Calculated number of pods that may be disrupted at this time.', { type: 'integer' }),
  column('Age', AGE_DESCRIPTION),
];

const intOrString = (v: number | string | undefined) => (v === undefined || v === null ? 'N/A' : String(v));

/** printPodDisruptionBudget: an unset bound prints `N/A`. */
export function podDisruptionBudgetRow(o: PodDisruptionBudget, now: number): string[] {
  return [o.metadata.name, intOrString(o.spec?.minAvailable), intOrString(o.spec?.maxUnavailable), String(o.status?.disruptionsAllowed ?? 0), humanDurationSince(o.metadata.creationTimestamp, now)];
}
