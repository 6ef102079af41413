import { PodDto } from './pod.dto';
import type { StatusCause } from './types';
import { podSemanticCauses, validateDto } from './validate';
import { DNS1123_LABEL_MSG, DNS1123_SUBDOMAIN_MSG } from './validation-messages';

const nginx = { name: 'app', image: 'nginx' };
const manifest = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'web' }) => ({ apiVersion: 'v1', kind: 'Pod', metadata, spec });
const required = (field: string): StatusCause => ({ reason: 'FieldValueRequired', message: 'Required value', field });
const nameRequired: StatusCause = { reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' };

describe('validateDto(PodDto): Kubernetes field causes', () => {
  it.each<[string, unknown]>([
    ['a minimal pod', manifest({ containers: [nginx] })],
    ['generateName instead of a name', manifest({ containers: [nginx] }, { generateName: 'web-' })],
    ['fields kubesim does not check (manifests are open)', manifest({ containers: [{ ...nginx, ports: [{ containerPort: 80 }] }], hostNetwork: true })],
    ['every restart policy and pull policy', manifest({ restartPolicy: 'OnFailure', containers: [{ ...nginx, imagePullPolicy: 'Never' }] })],
    ['a sidecar init container', manifest({ initContainers: [{ name: 'proxy', image: 'envoy', restartPolicy: 'Always' }], containers: [nginx] })],
  ])('accepts %s', (_case, body) => {
    expect(validateDto(PodDto, body)).toEqual([]);
  });

  it.each<[string, unknown, StatusCause[]]>([
    ['a container without an image', manifest({ containers: [{ name: 'app' }] }), [required('spec.containers[0].image')]],
    ['a container with an empty image', manifest({ containers: [{ name: 'app', image: '' }] }), [required('spec.containers[0].image')]],
    ['no containers', manifest({}), [required('spec.containers')]],
    ['an empty container list', manifest({ containers: [] }), [required('spec.containers')]],
    ['no metadata', { spec: { containers: [nginx] } }, [required('metadata')]],
    ['neither name nor generateName', manifest({ containers: [nginx] }, {}), [nameRequired]],
    ['an empty name', manifest({ containers: [nginx] }, { name: '' }), [nameRequired]],
    ['a container with an empty name', manifest({ containers: [{ name: '', image: 'nginx' }] }), [required('spec.containers[0].name')]],
    ['a container without a name', manifest({ containers: [{ image: 'nginx' }] }), [required('spec.containers[0].name')]],
    ['a body that is not an object', null, [required('metadata'), required('spec')]],
    ['a list instead of a pod', [manifest({ containers: [nginx] })], [required('metadata'), required('spec')]],
  ])('requires what is missing: %s', (_case, body, causes) => {
    expect(validateDto(PodDto, body)).toEqual(causes);
  });

  it('reports every missing field, each under its own path', () => {
    const body = manifest({ initContainers: [{ name: 'init' }], containers: [nginx, { name: 'b' }] });
    expect(validateDto(PodDto, body)).toEqual([required('spec.containers[1].image'), required('spec.initContainers[0].image')]);
  });

  it.each<[string, unknown, StatusCause]>([
    [
      'restartPolicy',
      manifest({ restartPolicy: 'Sometimes', containers: [nginx] }),
      { reason: 'FieldValueNotSupported', field: 'spec.restartPolicy', message: 'Unsupported value: "Sometimes": supported values: "Always", "Never", "OnFailure"' },
    ],
    [
      'imagePullPolicy',
      manifest({ containers: [{ ...nginx, imagePullPolicy: 'Sometimes' }] }),
      { reason: 'FieldValueNotSupported', field: 'spec.containers[0].imagePullPolicy', message: 'Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"' },
    ],
    [
      'an init container restartPolicy other than Always',
      manifest({ initContainers: [{ name: 'i', image: 'busybox', restartPolicy: 'Never' }], containers: [nginx] }),
      { reason: 'FieldValueNotSupported', field: 'spec.initContainers[0].restartPolicy', message: 'Unsupported value: "Never": supported values: "Always"' },
    ],
    ['kind', { ...manifest({ containers: [nginx] }), kind: 'Service' }, { reason: 'FieldValueNotSupported', field: 'kind', message: 'Unsupported value: "Service": supported values: "Pod"' }],
  ])('lists the supported values for an unsupported %s', (_case, body, cause) => {
    expect(validateDto(PodDto, body)).toEqual([cause]);
  });

  it.each<[string, unknown, StatusCause]>([
    [
      'a pod name that is not a DNS subdomain',
      manifest({ containers: [nginx] }, { name: 'My_Pod' }),
      { reason: 'FieldValueInvalid', field: 'metadata.name', message: `Invalid value: "My_Pod": ${DNS1123_SUBDOMAIN_MSG}` },
    ],
    [
      'a pod name over 253 characters',
      manifest({ containers: [nginx] }, { name: 'a'.repeat(254) }),
      { reason: 'FieldValueInvalid', field: 'metadata.name', message: `Invalid value: "${'a'.repeat(254)}": must be no more than 253 characters` },
    ],
    [
      'a container name that is not a DNS label',
      manifest({ containers: [{ name: 'web.app', image: 'nginx' }] }),
      { reason: 'FieldValueInvalid', field: 'spec.containers[0].name', message: `Invalid value: "web.app": ${DNS1123_LABEL_MSG}` },
    ],
    [
      'a negative grace period',
      manifest({ terminationGracePeriodSeconds: -1, containers: [nginx] }),
      { reason: 'FieldValueInvalid', field: 'spec.terminationGracePeriodSeconds', message: 'Invalid value: -1: must be greater than or equal to 0' },
    ],
    [
      'an image that is not a string',
      manifest({ containers: [{ name: 'app', image: 7 }] }),
      { reason: 'FieldValueInvalid', field: 'spec.containers[0].image', message: 'Invalid value: 7: must be a string' },
    ],
  ])('refuses %s: FieldValueInvalid', (_case, body, cause) => {
    expect(validateDto(PodDto, body)).toEqual([cause]);
  });
});

describe('podSemanticCauses: what a DTO cannot express', () => {
  it('accepts unique names and well-formed quantities', () => {
    const spec = { initContainers: [{ name: 'init' }], containers: [{ name: 'app', resources: { requests: { cpu: '500m', memory: '128Mi' }, limits: { cpu: 1 } } }] };
    expect(podSemanticCauses(spec)).toEqual([]);
  });

  it.each<[string, Parameters<typeof podSemanticCauses>[0], string]>([
    ['two app containers', { containers: [{ name: 'a' }, { name: 'a' }] }, 'spec.containers[1].name'],
    ['two init containers', { initContainers: [{ name: 'a' }, { name: 'a' }], containers: [{ name: 'b' }] }, 'spec.initContainers[1].name'],
    ['an init and an app container', { initContainers: [{ name: 'setup' }], containers: [{ name: 'app' }, { name: 'setup' }] }, 'spec.containers[1].name'],
  ])('refuses a name shared by %s: FieldValueDuplicate on the later one', (_case, spec, field) => {
    expect(podSemanticCauses(spec)).toEqual([{ reason: 'FieldValueDuplicate', message: expect.stringMatching(/^Duplicate value: "(a|setup)"$/), field }]);
  });

  it.each([
    ['requests', 'cpu', 'lots'],
    ['limits', 'memory', '1GB'],
    ['requests', 'memory', '-'],
  ])('refuses a malformed quantity in %s[%s]: %j', (kind, resource, q) => {
    const spec = { containers: [{ name: 'app', resources: { [kind]: { [resource]: q } } }] };
    expect(podSemanticCauses(spec)).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: `spec.containers[0].resources.${kind}[${resource}]`,
        message: `Invalid value: "${q}": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
      },
    ]);
  });
});
