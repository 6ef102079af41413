import { UNHEALTHY_POD_EVICTION_POLICIES } from '../policy';
import { labelSelectorCauses } from '../scheduling-validation';
import type { StatusCause } from '../types';
import type { PlainStrategy } from './plain-strategies';

type Obj = Record<string, any>;

const PERCENT = /^[0-9]+%$/;
const PERCENT_MSG = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** How Go's `%#v` prints an intstr.IntOrString (the BadValue of upstream's int-or-percent errors). */
export const goIntOrString = (v: number | string) => (typeof v === 'number' ? `intstr.IntOrString{Type:0, IntVal:${v}, StrVal:""}` : `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`);

const invalidRaw = (field: string, printed: string, detail: string): StatusCause => ({ reason: 'FieldValueInvalid', message: `Invalid value: ${printed}: ${detail}`, field });

/** ValidatePositiveIntOrPercent and IsNotMoreThan100Percent (apps validation). */
function intOrPercentCauses(v: unknown, field: string): StatusCause[] {
  if (typeof v === 'number') return Number.isInteger(v) && v < 0 ? [invalidRaw(field, String(v), 'must be greater than or equal to 0')] : [];
  if (typeof v !== 'string') return [invalidRaw(field, JSON.stringify(v), "must be an integer or percentage (e.g '5%')")];
  if (!PERCENT.test(v)) return [invalidRaw(field, goIntOrString(v), PERCENT_MSG)];
  return Number(v.slice(0, -1)) > 100 ? [invalidRaw(field, goIntOrString(v), 'must not be greater than 100%')] : [];
}

/**
 * Go's `%#v` of the spec, as the "cannot be both set" error prints it: pointers print as addresses,
 * which differ on every real apiserver; kubesim prints fixed ones (decisions.md).
 */
function goSpec(spec: Obj): string {
  const ptr = (set: boolean, type: string, addr: string) => `(*${type})(${set ? addr : 'nil'})`;
  return (
    `policy.PodDisruptionBudgetSpec{MinAvailable:${ptr(spec.minAvailable != null, 'intstr.IntOrString', '0xc000a1e000')}, ` +
    `MaxUnavailable:${ptr(spec.maxUnavailable != null, 'intstr.IntOrString', '0xc000a1e020')}, ` +
    `Selector:${ptr(spec.selector != null, 'v1.LabelSelector', '0xc000a1e040')}, ` +
    `UnhealthyPodEvictionPolicy:${ptr(spec.unhealthyPodEvictionPolicy != null, 'policy.UnhealthyPodEvictionPolicyType', '0xc000a1e060')}}`
  );
}

/** ValidatePodDisruptionBudgetSpec (policy validation), with upstream's messages. */
export function podDisruptionBudgetSpecCauses(spec: Obj | undefined): StatusCause[] {
  const s = spec ?? {};
  const causes: StatusCause[] = [];
  if (s.minAvailable != null && s.maxUnavailable != null) causes.push(invalidRaw('spec', goSpec(s), 'minAvailable and maxUnavailable cannot be both set'));
  if (s.minAvailable != null) causes.push(...intOrPercentCauses(s.minAvailable, 'spec.minAvailable'));
  if (s.maxUnavailable != null) causes.push(...intOrPercentCauses(s.maxUnavailable, 'spec.maxUnavailable'));
  causes.push(...labelSelectorCauses(s.selector, 'spec.selector'));
  const policy = s.unhealthyPodEvictionPolicy;
  if (policy != null && !(UNHEALTHY_POD_EVICTION_POLICIES as readonly string[]).includes(policy)) {
    causes.push({ reason: 'FieldValueNotSupported', message: `Unsupported value: ${JSON.stringify(policy)}: supported values: ${UNHEALTHY_POD_EVICTION_POLICIES.map((p) => `"${p}"`).join(', ')}`, field: 'spec.unhealthyPodEvictionPolicy' });
  }
  return causes;
}

/** The PodDisruptionBudget strategy: a new budget starts with an empty status (the controller fills it). */
export const podDisruptionBudgetStrategy: PlainStrategy = {
  validate: (o) => podDisruptionBudgetSpecCauses(o.spec),
  initialStatus: () => ({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 }),
};
