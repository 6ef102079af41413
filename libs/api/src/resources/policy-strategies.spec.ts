import { podDisruptionBudgetSpecCauses, podDisruptionBudgetStrategy } from './policy-strategies';

const selector = { matchLabels: { app: 'web' } };
const messages = (spec: object) => podDisruptionBudgetSpecCauses(spec).map((c) => `${c.field}: ${c.message}`);

describe('ValidatePodDisruptionBudgetSpec', () => {
  it.each([
    [{ minAvailable: 2, selector }],
    [{ minAvailable: '50%', selector }],
    [{ maxUnavailable: 1, selector, unhealthyPodEvictionPolicy: 'AlwaysAllow' }],
    [{ maxUnavailable: '100%', selector: {} }],
  ])('accepts %j', (spec) => expect(messages(spec)).toEqual([]));

  it('given minAvailable and maxUnavailable both set, then the spec is invalid as upstream words it', () =>
    expect(messages({ minAvailable: 1, maxUnavailable: 1, selector })).toEqual([
      'spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc000a1e000), MaxUnavailable:(*intstr.IntOrString)(0xc000a1e020), Selector:(*v1.LabelSelector)(0xc000a1e040), UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(nil)}: minAvailable and maxUnavailable cannot be both set',
    ]));

  it.each([
    [{ minAvailable: -1 }, 'spec.minAvailable: Invalid value: -1: must be greater than or equal to 0'],
    [{ maxUnavailable: 'half' }, `spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"half"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`],
    [{ minAvailable: '150%' }, 'spec.minAvailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%'],
    [{ minAvailable: 1, unhealthyPodEvictionPolicy: 'Never' }, 'spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"'],
  ])('refuses %j', (spec, message) => expect(messages(spec)).toEqual([message]));

  it('a new budget starts with the zero status upstream serialises', () => expect(podDisruptionBudgetStrategy.initialStatus?.({})).toEqual({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 }));
});
