import { aNamespace, aNode, aPod } from '@kubesim/testing';
import { decodeToken, encodeToken, keyOfObject, keyString, subjectOf } from './object-key';

describe('encodeToken / decodeToken: object names as NATS subject tokens', () => {
  it.each([
    ['a plain name', 'web-1'],
    ['dots (names may be DNS subdomains)', 'web.v1.example.com'],
    ['the single-token wildcard', 'a*b'],
    ['the tail wildcard', 'a>b'],
    ['the escape character itself', '100%'],
    ['something that looks escaped already', 'x%2Ey'],
    ['whitespace and control characters', 'a b\tc\n'],
    ['the empty string (a cluster-scoped object has no namespace)', ''],
  ])('round-trips %s', (_case, name) => {
    const token = encodeToken(name);
    expect(token).not.toMatch(/[.*>\s]/);
    expect(token).not.toBe('');
    expect(decodeToken(token)).toBe(name);
  });

  it.each([
    ['web-1', 'web-1'],
    ['web.v1', 'web%2Ev1'],
    ['a*b>c', 'a%2Ab%3Ec'],
    ['50%', '50%25'],
    ['', '_'],
  ])('encodes %j as %j', (name, token) => {
    expect(encodeToken(name)).toBe(token);
  });
});

describe('subjectOf', () => {
  it.each([
    ['a pod', { kind: 'Pod', namespace: 'default', name: 'web.v1' } as const, 'ks.events.pod.default.web%2Ev1'],
    ['a cluster-scoped node', { kind: 'Node', namespace: '', name: 'node-1' } as const, 'ks.events.node._.node-1'],
    ['an event', { kind: 'Event', namespace: 'default', name: 'web.17a2b3' } as const, 'ks.events.event.default.web%2E17a2b3'],
  ])('%s → %s', (_case, key, subject) => {
    expect(subjectOf('ks.events', key)).toBe(subject);
  });
});

describe('keyOfObject', () => {
  it.each([
    ['a pod', aPod('x'), 'Pod/default/x'],
    ['a node (no namespace)', aNode('node-1'), 'Node//node-1'],
    ['a namespace (cluster-scoped)', aNamespace('staging'), 'Namespace//staging'],
  ])('%s → %s', (_case, object, key) => {
    expect(keyString(keyOfObject(object))).toBe(key);
  });
});
