import type { PodDisruptionBudget } from '@kubesim/api';
import { tableHeaders } from './columns';
import { podDisruptionBudgetColumns, podDisruptionBudgetRow } from './pdb.printer';

const T = Date.parse('2026-01-01T00:00:30Z');
const pdb = (spec: PodDisruptionBudget['spec'], disruptionsAllowed: number) =>
  ({ metadata: { name: 'web-pdb', namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z' }, spec, status: { disruptionsAllowed, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 } }) as unknown as PodDisruptionBudget;

describe('kubectl get pdb', () => {
  it('NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE', () => expect(tableHeaders(podDisruptionBudgetColumns, false)).toEqual(['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE']));
  it('given minAvailable 2 and one disruption allowed, then `web-pdb 2 N/A 1 30s`', () => expect(podDisruptionBudgetRow(pdb({ minAvailable: 2 }, 1), T)).toEqual(['web-pdb', '2', 'N/A', '1', '30s']));
  it('given maxUnavailable as a percent, then MIN AVAILABLE is N/A and the percent prints as written', () => expect(podDisruptionBudgetRow(pdb({ maxUnavailable: '25%' }, 0), T).slice(1, 4)).toEqual(['N/A', '25%', '0']));
});
