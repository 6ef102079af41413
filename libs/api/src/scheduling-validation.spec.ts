import { POD, unknownFields } from './known-fields';
import { podSemanticCauses } from './validate';

const container = (extra = {}) => ({ name: 'c', image: 'nginx', ...extra });
/** `field: message` for each cause of a pod spec. */
const causes = (spec: object) => podSemanticCauses({ containers: [container()], ...spec } as never).map((c) => `${c.field}: ${c.message}`);

describe('scheduling fields of a pod spec: validation', () => {
  it('accepts host ports, spread constraints and pod (anti-)affinity written as in the docs', () => {
    const spec = {
      containers: [container({ ports: [{ containerPort: 80, hostPort: 8080, protocol: 'TCP', hostIP: '10.0.0.1' }] })],
      topologySpreadConstraints: [
        { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, minDomains: 2 },
      ],
      affinity: {
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { labelSelector: { matchExpressions: [{ key: 'security', operator: 'In', values: ['S1'] }] }, topologyKey: 'topology.kubernetes.io/zone' },
          ],
        },
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 100, podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'security', operator: 'Exists' }] }, topologyKey: 'kubernetes.io/hostname' } },
          ],
        },
      },
    };
    expect(causes(spec)).toEqual([]);
    expect(unknownFields({ spec }, POD)).toEqual([]);
  });

  it.each<[string, object, string[]]>([
    ['containerPort missing', { containers: [container({ ports: [{ hostPort: 80 }] })] }, ['spec.containers[0].ports[0].containerPort: Required value']],
    [
      'ports out of range',
      { containers: [container({ ports: [{ containerPort: 70000, hostPort: -1 }] })] },
      [
        'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
        'spec.containers[0].ports[0].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive',
      ],
    ],
    [
      'an unknown protocol',
      { containers: [container({ ports: [{ containerPort: 80, protocol: 'HTTP' }] })] },
      ['spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
    ],
    [
      'a host IP that is not an IP',
      { containers: [container({ ports: [{ containerPort: 80, hostPort: 80, hostIP: 'localhost' }] })] },
      ['spec.containers[0].ports[0].hostIP: Invalid value: "localhost": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'],
    ],
    [
      'the same host port twice in one pod',
      { containers: [container({ ports: [{ containerPort: 80, hostPort: 80 }] }), container({ name: 'd', ports: [{ containerPort: 81, hostPort: 80 }] })] },
      ['spec.containers[1].ports[0].hostPort: Duplicate value: "80/TCP"'],
    ],
    [
      'spread: maxSkew, topologyKey, whenUnsatisfiable',
      { topologySpreadConstraints: [{ maxSkew: 0, topologyKey: '', whenUnsatisfiable: 'Never' }] },
      [
        'spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero',
        'spec.topologySpreadConstraints[0].topologyKey: Required value: can not be empty',
        'spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: "Never": supported values: "DoNotSchedule", "ScheduleAnyway"',
      ],
    ],
    [
      'spread: minDomains only with DoNotSchedule',
      { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', minDomains: 2 }] },
      ['spec.topologySpreadConstraints[0].minDomains: Invalid value: 2: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway'],
    ],
    [
      'spread: a bad selector operator',
      { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchExpressions: [{ key: 'a', operator: 'Equals' }] } }] },
      ['spec.topologySpreadConstraints[0].labelSelector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator'],
    ],
    [
      'affinity: a term without a topologyKey',
      { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } } }] } } },
      ['spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty'],
    ],
    [
      'affinity: In without values, weight out of range',
      {
        affinity: {
          podAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', labelSelector: { matchExpressions: [{ key: 'app', operator: 'In' }] } }],
            preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, podAffinityTerm: { topologyKey: 'zone' } }],
          },
        },
      },
      [
        "spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
        'spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100',
      ],
    ],
  ])('%s', (_name, spec, expected) => {
    expect(causes(spec)).toEqual(expected);
  });

  it('names unknown fields inside affinity and spread constraints', () => {
    const spec = {
      affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', labelSelectr: {} }] } },
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', maxskew: 2 }],
    };
    expect(unknownFields({ spec }, POD)).toEqual([
      'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelectr',
      'spec.topologySpreadConstraints[0].maxskew',
    ]);
  });
});
