import { NodeSelectorRequirement, NodeSelectorTerm } from '@kubesim/api';
import { matchesNodeSelectorTerms, matchesRequirement } from './node-selector';
import { makeNode } from './testing/builders';

const labels = { zone: 'a', cores: '8', name: 'x' };

describe('matchesRequirement', () => {
  it.each<[string, NodeSelectorRequirement, boolean]>([
    ['In with the value', { key: 'zone', operator: 'In', values: ['a', 'b'] }, true],
    ['In without the value', { key: 'zone', operator: 'In', values: ['b'] }, false],
    ['In on a missing label', { key: 'disk', operator: 'In', values: ['ssd'] }, false],
    ['NotIn without the value', { key: 'zone', operator: 'NotIn', values: ['b'] }, true],
    ['NotIn with the value', { key: 'zone', operator: 'NotIn', values: ['a'] }, false],
    ['NotIn on a missing label', { key: 'disk', operator: 'NotIn', values: ['ssd'] }, true],
    ['Exists', { key: 'zone', operator: 'Exists' }, true],
    ['Exists on a missing label', { key: 'disk', operator: 'Exists' }, false],
    ['DoesNotExist', { key: 'disk', operator: 'DoesNotExist' }, true],
    ['DoesNotExist on a present label', { key: 'zone', operator: 'DoesNotExist' }, false],
    ['Gt greater', { key: 'cores', operator: 'Gt', values: ['4'] }, true],
    ['Gt equal', { key: 'cores', operator: 'Gt', values: ['8'] }, false],
    ['Lt smaller', { key: 'cores', operator: 'Lt', values: ['16'] }, true],
    ['Lt on a non-integer label', { key: 'name', operator: 'Lt', values: ['16'] }, false],
    ['Gt on a missing label', { key: 'disk', operator: 'Gt', values: ['1'] }, false],
  ])('%s → %s', (_name, req, expected) => {
    expect(matchesRequirement(req, labels)).toBe(expected);
  });
});

describe('matchesNodeSelectorTerms', () => {
  const node = makeNode('n1').labels({ zone: 'a', disk: 'ssd' }).build();

  it.each<[string, NodeSelectorTerm[], boolean]>([
    ['no terms match nothing', [], false],
    ['an empty term matches nothing', [{}], false],
    ['expressions in a term are ANDed', [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }, { key: 'disk', operator: 'In', values: ['hdd'] }] }], false],
    ['terms are ORed', [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }, { matchExpressions: [{ key: 'disk', operator: 'Exists' }] }], true],
    ['matchFields on metadata.name', [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }], true],
    ['matchFields on another name', [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] }], false],
    ['matchFields NotIn', [{ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n2'] }] }], true],
    ['matchFields on an unknown field', [{ matchFields: [{ key: 'spec.podCIDR', operator: 'In', values: ['x'] }] }], false],
    ['fields and expressions are ANDed', [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }], matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] }], false],
  ])('%s', (_name, terms, expected) => {
    expect(matchesNodeSelectorTerms(terms, node)).toBe(expected);
  });
});
