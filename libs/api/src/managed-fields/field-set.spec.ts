import { describe, expect, it } from 'vitest';
import { FieldSet, keyElement, pathString } from './field-set';
import { builtinShape, schemaShape } from './shape';
import { toFieldSet } from './to-field-set';
import { compare } from './compare';
import { conflictMessage } from './updater';
import { managerId, printManager } from './entries';

describe('FieldsV1', () => {
  it('a member with children is written with "."; it reads back to the same set', () => {
    const set = FieldSet.of(['f:metadata', 'f:labels'], ['f:metadata', 'f:labels', 'f:app'], ['f:spec', 'f:replicas']);
    const json = { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } }, 'f:spec': { 'f:replicas': {} } };
    expect(set.toFieldsV1()).toEqual(json);
    expect(FieldSet.fromFieldsV1(json).equals(set)).toBe(true);
  });

  it('keys are JSON with the key fields in name order; paths print as upstream’s', () => {
    expect(keyElement({ protocol: 'TCP', containerPort: 80 })).toBe('k:{"containerPort":80,"protocol":"TCP"}');
    expect(pathString(['f:spec', 'f:containers', 'k:{"name":"app"}', 'f:image'])).toBe('.spec.containers[name="app"].image');
    expect(pathString(['f:spec', 'f:ports', 'k:{"port":80,"protocol":"TCP"}'])).toBe('.spec.ports[port=80,protocol="TCP"]');
    expect(pathString(['f:metadata', 'f:finalizers', 'v:"a"'])).toBe('.metadata.finalizers[="a"]');
  });

  it('set algebra: union, difference, intersection, recursive difference', () => {
    const a = FieldSet.of(['f:a'], ['f:b', 'f:c']);
    const b = FieldSet.of(['f:b', 'f:c'], ['f:d']);
    expect(a.union(b).paths()).toEqual([['f:a'], ['f:d'], ['f:b', 'f:c']]);
    expect(a.difference(b).paths()).toEqual([['f:a']]);
    expect(a.intersection(b).paths()).toEqual([['f:b', 'f:c']]);
    expect(a.intersects(b)).toBe(true);
    expect(FieldSet.of(['f:b', 'f:c', 'f:x']).recursiveDifference(FieldSet.of(['f:b'])).empty()).toBe(true);
  });
});

describe('field sets of objects by their list semantics', () => {
  it('built-in containers and ports are keyed lists (protocol defaulting to TCP), a label selector atomic, args atomic', () => {
    const deployment = { spec: { selector: { matchLabels: { a: 'b' } }, template: { spec: { containers: [{ name: 'app', image: 'x', args: ['-v'], ports: [{ containerPort: 80 }] }] } } } };
    expect(toFieldSet(deployment, builtinShape('Deployment')).toFieldsV1()).toEqual({
      'f:spec': {
        'f:selector': {},
        'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"app"}': { '.': {}, 'f:args': {}, 'f:image': {}, 'f:name': {}, 'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } } } } } },
      },
    });
  });

  it('a Service’s selector is a granular map and its ports keyed by port and protocol', () => {
    expect(toFieldSet({ spec: { selector: { app: 'web' }, ports: [{ port: 80, protocol: 'UDP' }] } }, builtinShape('Service')).toFieldsV1()).toEqual({
      'f:spec': { 'f:ports': { 'k:{"port":80,"protocol":"UDP"}': { '.': {}, 'f:port': {}, 'f:protocol': {} } }, 'f:selector': { 'f:app': {} } },
    });
  });

  it('a custom kind follows its schema: list-map keys, sets, atomic maps; lists without a type are atomic', () => {
    const shape = schemaShape('X', {
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          properties: {
            groups: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'], items: { type: 'object' } },
            tags: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } },
            ref: { type: 'object', 'x-kubernetes-map-type': 'atomic' },
            plain: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    });
    expect(toFieldSet({ spec: { groups: [{ name: 'g', x: 1 }], tags: ['a'], ref: { name: 'r' }, plain: ['p'] } }, shape).toFieldsV1()).toEqual({
      'f:spec': { 'f:groups': { 'k:{"name":"g"}': { '.': {}, 'f:name': {}, 'f:x': {} } }, 'f:plain': {}, 'f:ref': {}, 'f:tags': { 'v:"a"': {} } },
    });
  });

  it('compare: a null list facing items is present, so only the items are added', () => {
    const c = compare({ spec: { containers: null } }, { spec: { containers: [{ name: 'a', image: 'x' }] } }, builtinShape('Pod'));
    expect(c.added.toFieldsV1()).toEqual({ 'f:spec': { 'f:containers': { 'k:{"name":"a"}': { '.': {}, 'f:image': {}, 'f:name': {} } } } });
    expect(c.modified.empty() && c.removed.empty()).toBe(true);
  });
});

describe('conflict messages (upstream’s getConflictMessage and printManager)', () => {
  const update = { manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'apps/v1' };
  it('names an updater with its version, an applier alone, a subresource', () => {
    expect(printManager(update)).toBe('"kubectl-client-side-apply" using apps/v1');
    expect(printManager({ manager: 'ops', operation: 'Apply', apiVersion: 'apps/v1' })).toBe('"ops"');
    expect(printManager({ manager: 'kubelet', operation: 'Update', apiVersion: 'v1', subresource: 'status' })).toBe('"kubelet" with subresource "status" using v1');
  });
  it('one conflict inline; several grouped by manager in name order', () => {
    expect(conflictMessage([{ manager: printManager(update), path: '.spec.replicas' }])).toBe('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
    expect(conflictMessage([{ manager: '"b"', path: '.x' }, { manager: '"a"', path: '.y' }, { manager: '"b"', path: '.z' }])).toBe('Apply failed with 3 conflicts: conflicts with "a"\n- .y\nconflicts with "b"\n- .x\n- .z');
  });
  it('an applier is one manager whatever version it applies; an updater is one per version', () => {
    expect(managerId({ manager: 'm', operation: 'Apply', apiVersion: 'v1' })).toBe(managerId({ manager: 'm', operation: 'Apply', apiVersion: 'v2' }));
    expect(managerId({ manager: 'm', operation: 'Update', apiVersion: 'v1' })).not.toBe(managerId({ manager: 'm', operation: 'Update', apiVersion: 'v2' }));
  });
});
