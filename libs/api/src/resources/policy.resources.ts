import { ALL_VERBS, type ResourceDeclaration } from './resource';

/** `policy/v1`: PodDisruptionBudgets (their controller is apps/controller-manager `disruption/`; the Eviction API reads them). */
export const POLICY_RESOURCES = [
  { group: 'policy', version: 'v1', protobuf: true, kind: 'PodDisruptionBudget', plural: 'poddisruptionbudgets', singular: 'poddisruptionbudget', namespaced: true, shortNames: ['pdb'], verbs: ALL_VERBS, subresources: ['status'], storage: 'generic' },
] as const satisfies readonly ResourceDeclaration[];
