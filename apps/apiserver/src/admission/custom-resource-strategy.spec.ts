import { syncCustomResources, type GenericObject } from '@kubesim/api';
import { Store } from '@kubesim/core';
import { StatusError } from '../http/status';
import type { AdmissionContext } from './admission';
import { admitCustom, admitCustomStatus } from './custom-resource-strategy';

type Obj = Record<string, any>;
const CTX: AdmissionContext = { now: Date.parse('2026-01-01T00:00:00Z'), uid: () => 'uid-1', suffix: () => 'abcde' };
const schema = {
  type: 'object',
  properties: {
    spec: { type: 'object', properties: { cronSpec: { type: 'string' }, replicas: { type: 'integer', default: 1 } } },
    status: { type: 'object', properties: { replicas: { type: 'integer' } } },
  },
};
function crd(o: { status?: boolean; deleting?: boolean } = {}): Obj {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'crontabs.stable.example.com', ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: { group: 'stable.example.com', scope: 'Namespaced', names: { plural: 'crontabs', kind: 'CronTab' }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema }, ...(o.status === false ? {} : { subresources: { status: {} } }) }] },
    status: { conditions: [{ type: 'Established', status: 'True' }], acceptedNames: { plural: 'crontabs', kind: 'CronTab' } },
  };
}
const viewWith = (c: Obj) => {
  const s = new Store();
  s.set('CustomResourceDefinition//crontabs.stable.example.com', c as never);
  return s;
};
const body = (spec: Obj, extra: Obj = {}) => ({ apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'x' }, spec, ...extra });
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as StatusError).status;
  }
  throw new Error('not refused');
};

describe('custom resource strategy', () => {
  afterEach(() => syncCustomResources([]));

  it('given a CronTab, then server-set metadata, the default, unknown fields pruned; the status subresource leaves status out', () => {
    const view = viewWith(crd());
    const o = admitCustom('CronTab', body({ cronSpec: '* * * * *', extra: 1 }, { status: { replicas: 9 } }), 'default', view, undefined, CTX) as Obj;
    expect(o).toEqual({ apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'x', namespace: 'default', uid: 'uid-1', resourceVersion: '', creationTimestamp: '2026-01-01T00:00:00Z' }, spec: { cronSpec: '* * * * *', replicas: 1 } });
  });

  it('without a status subresource the status is written with the object', () => {
    const o = admitCustom('CronTab', body({}, { status: { replicas: 2 } }), 'default', viewWith(crd({ status: false })), undefined, CTX) as Obj;
    expect(o.status).toEqual({ replicas: 2 });
  });

  it('a schema violation is a 422 naming the kind, its group and the field', () => {
    const s = refusal(() => admitCustom('CronTab', body({ replicas: 'three' }), 'default', viewWith(crd()), undefined, CTX));
    expect(s).toMatchObject({ code: 422, reason: 'Invalid', message: 'CronTab.stable.example.com "x" is invalid: spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"', details: { group: 'stable.example.com', kind: 'CronTab', name: 'x' } });
  });

  it('while the CRD is terminating, creates are refused with 405 as upstream; updates still go', () => {
    const view = viewWith(crd({ deleting: true }));
    expect(refusal(() => admitCustom('CronTab', body({}), 'default', view, undefined, CTX))).toMatchObject({ code: 405, message: 'create not allowed while custom resource definition is terminating' });
    const current = { ...body({}), metadata: { name: 'x', namespace: 'default', uid: 'u', creationTimestamp: '2026-01-01T00:00:00Z' } } as unknown as GenericObject;
    expect(admitCustom('CronTab', body({ cronSpec: 'a' }), 'default', view, current, CTX)).toMatchObject({ spec: { cronSpec: 'a' } });
  });

  it('a /status write is pruned and validated against the schema of status', () => {
    viewWith(crd());
    const current = body({ replicas: 1 }) as unknown as GenericObject;
    expect(admitCustomStatus('CronTab', current, { replicas: 2, other: true })).toEqual({ replicas: 2 });
    expect(refusal(() => admitCustomStatus('CronTab', current, { replicas: 'two' }))).toMatchObject({ code: 422, message: 'CronTab.stable.example.com "x" is invalid: status.replicas: Invalid value: "string": status.replicas in body must be of type integer: "string"' });
  });
});
