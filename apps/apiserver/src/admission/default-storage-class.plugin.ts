import type { MutatingPlugin } from './admission';

/**
 * DefaultStorageClass (plugin/pkg/admission/storage/storageclass/setdefault) — a hook point,
 * registered in its place in the chain: the storage work sets a new claim's
 * `spec.storageClassName` to the default class here. Today it changes nothing.
 */
export const defaultStorageClass: MutatingPlugin = {
  name: 'DefaultStorageClass',
  admit: (a) => a.object,
};
