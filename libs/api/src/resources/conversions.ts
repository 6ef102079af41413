import { hpaV1ToV2, hpaV2ToV1 } from './hpa';
import { groupVersionOf, type ResourceDeclaration } from './resource';

type Obj = Record<string, any>;

/** How a served version that is not the stored one converts (kube-apiserver's conversion functions). */
export interface Conversion {
  toStored(o: Obj): Obj;
  fromStored(o: Obj): Obj;
}

const CONVERSIONS: Record<string, Conversion> = {
  'autoscaling/v1/HorizontalPodAutoscaler': { toStored: hpaV1ToV2, fromStored: hpaV2ToV1 },
};

/** A custom resource's conversion `None`: only `apiVersion` changes between its versions. */
function apiVersionOnly(r: ResourceDeclaration, storageVersion: string): Conversion {
  const stored = `${r.group}/${storageVersion}`;
  const served = groupVersionOf(r);
  return { toStored: (o) => ({ ...o, apiVersion: stored }), fromStored: (o) => ({ ...o, apiVersion: served }) };
}

/** The conversion of a resource served in another version than it is stored in; none for the stored one. */
export const conversionOf = (r: ResourceDeclaration): Conversion | undefined =>
  r.custom ? (r.version === r.custom.storageVersion ? undefined : apiVersionOnly(r, r.custom.storageVersion)) : CONVERSIONS[`${groupVersionOf(r)}/${r.kind}`];
