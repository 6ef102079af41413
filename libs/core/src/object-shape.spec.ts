import { aNode, aPod } from '@kubesim/testing';
import { shapeProblem } from './object-shape';

const deployment = (spec: Record<string, unknown>) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'default' }, spec, status: {} });

describe('shapeProblem: the shape every reader of the log relies on', () => {
  it('well-formed objects have none', () => {
    expect(shapeProblem(aPod('x'))).toBeUndefined();
    expect(shapeProblem(aNode('node-1'))).toBeUndefined();
    expect(shapeProblem(deployment({ replicas: 2, selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } }))).toBeUndefined();
    // A custom resource's spec is its CRD's business: only the metadata every object has is checked.
    expect(shapeProblem({ apiVersion: 'example.com/v1', kind: 'CronTab', metadata: { name: 'c', namespace: 'default' }, spec: { replicas: 'many', containers: 'x' } })).toBeUndefined();
  });

  it.each([
    ['ownerReferences a string', { ...aPod('x'), metadata: { ...aPod('x').metadata, ownerReferences: 'x' } }, 'metadata.ownerReferences is not a list'],
    ['a label that is a number', { ...aPod('x'), metadata: { ...aPod('x').metadata, labels: { app: 1 } } }, 'metadata.labels is not a map of strings'],
    ['tolerations an object', { ...aPod('x'), spec: { ...aPod('x').spec, tolerations: {} } }, 'spec.tolerations is not a list'],
    ['a container that is a string', { ...aPod('x'), spec: { ...aPod('x').spec, containers: ['x'] } }, 'spec.containers[] is not an object'],
    ['a node whose taints are a string', { ...aNode('node-1'), spec: { taints: 'x' } }, 'spec.taints is not a list'],
    ['a node whose capacity is a number', { ...aNode('node-1'), status: { ...aNode('node-1').status, capacity: 5 } }, 'status.capacity is not a map'],
    ['a selector whose matchLabels are a string', deployment({ selector: { matchLabels: 'x' }, template: {} }), 'spec.selector.matchLabels is not a map of strings'],
    ['a template whose containers are a string', deployment({ selector: {}, template: { spec: { containers: 'x' } } }), 'spec.template.spec.containers is not a list'],
    ['status a string', { ...aPod('x'), status: 'x' }, 'status is not an object'],
    ['no kind', { metadata: { name: 'x' } }, 'kind is not a string'],
  ])('%s', (_case, object, problem) => {
    expect(shapeProblem(object)).toBe(problem);
  });
});
