import type { KubeObject } from '@kubesim/api';
import { aNode, aPod } from '@kubesim/testing';
import { fieldOf, isSelectableField, matches, parseFieldSelector, parseLabelSelector, SelectorError, type Requirement } from './selectors';

describe('parseLabelSelector', () => {
  it.each<[string, Requirement[]]>([
    ['app=web', [{ op: '=', key: 'app', value: 'web' }]],
    ['app==web', [{ op: '=', key: 'app', value: 'web' }]],
    ['app != web', [{ op: '!=', key: 'app', value: 'web' }]],
    ['app=', [{ op: '=', key: 'app', value: '' }]],
    ['env in (prod, staging)', [{ op: 'in', key: 'env', values: ['prod', 'staging'] }]],
    ['env notin (dev)', [{ op: 'notin', key: 'env', values: ['dev'] }]],
    ['track', [{ op: 'exists', key: 'track' }]],
    ['!legacy', [{ op: '!exists', key: 'legacy' }]],
    ['app.kubernetes.io/name=web', [{ op: '=', key: 'app.kubernetes.io/name', value: 'web' }]],
    ['', []],
    [
      'app=web,env in (a,b),!legacy',
      [
        { op: '=', key: 'app', value: 'web' },
        { op: 'in', key: 'env', values: ['a', 'b'] },
        { op: '!exists', key: 'legacy' },
      ],
    ],
  ])('%j', (selector, requirements) => {
    expect(parseLabelSelector(selector)).toEqual(requirements);
  });

  it.each(['app=web=x', '=web', 'env in a', 'env in (a', '!', 'two words', 'app!web'])('refuses %j with a SelectorError naming the term', (selector) => {
    expect(() => parseLabelSelector(selector)).toThrow(SelectorError);
    expect(() => parseLabelSelector(selector)).toThrow(/unable to parse requirement: found '.*', expected: key, '=', '!=', 'in', 'notin' or '!'/);
  });
});

describe('matches, for labels (a missing key is not the same as an empty value)', () => {
  const labels: Record<string, string> = { app: 'web', env: 'prod', tier: '' };
  const match = (selector: string) => matches(parseLabelSelector(selector), (k) => labels[k]);

  it.each<[string, boolean]>([
    ['app=web', true],
    ['app=db', false],
    ['app!=db', true],
    ['app!=web', false],
    ['env in (prod,staging)', true],
    ['env in (dev)', false],
    ['env notin (dev)', true],
    ['env notin (prod)', false],
    ['app', true],
    ['!app', false],
    ['!legacy', true],
    ['legacy', false],
    ['legacy in (x)', false],
    ['legacy notin (x)', true],
    ['legacy!=x', true],
    ['legacy!=', true],
    ['legacy=', false],
    ['tier=', true],
    ['tier!=', false],
    ['app=web,env=prod', true],
    ['app=web,env=dev', false],
  ])('%j → %s', (selector, expected) => {
    expect(match(selector)).toBe(expected);
  });
});

describe('parseFieldSelector', () => {
  it.each<[string, Requirement[]]>([
    ['spec.nodeName=node-1', [{ op: '=', key: 'spec.nodeName', value: 'node-1' }]],
    ['spec.nodeName==node-1', [{ op: '=', key: 'spec.nodeName', value: 'node-1' }]],
    ['spec.nodeName=', [{ op: '=', key: 'spec.nodeName', value: '' }]],
    [
      'status.phase!=Succeeded,status.phase!=Failed',
      [
        { op: '!=', key: 'status.phase', value: 'Succeeded' },
        { op: '!=', key: 'status.phase', value: 'Failed' },
      ],
    ],
  ])('%j', (selector, requirements) => {
    expect(parseFieldSelector(selector)).toEqual(requirements);
  });

  it.each(['spec.nodeName', 'status.phase in (Running)', '=Running'])('refuses %j', (selector) => {
    expect(() => parseFieldSelector(selector)).toThrow(SelectorError);
    expect(() => parseFieldSelector(selector)).toThrow(`invalid selector: '${selector}'`);
  });
});

describe('fieldOf', () => {
  const unscheduled = aPod('web');
  const bound: KubeObject = { ...unscheduled, spec: { ...unscheduled.spec, nodeName: 'node-1' }, status: { phase: 'Running' } };

  it.each<[string, KubeObject, string, string | undefined]>([
    ['an unscheduled pod has an empty spec.nodeName', unscheduled, 'spec.nodeName', ''],
    ['a bound pod', bound, 'spec.nodeName', 'node-1'],
    ['metadata.name', bound, 'metadata.name', 'web'],
    ['metadata.namespace', bound, 'metadata.namespace', 'default'],
    ['status.phase', bound, 'status.phase', 'Running'],
    ['a node is selectable on spec.unschedulable', aNode('node-1'), 'spec.unschedulable', 'false'],
    ['a field pods cannot be selected on', bound, 'spec.containers', undefined],
    ['a pod field asked of a node', aNode('node-1'), 'spec.nodeName', undefined],
  ])('%s', (_case, object, field, value) => {
    expect(fieldOf(object, field)).toBe(value);
    expect(isSelectableField(object.kind, field)).toBe(value !== undefined);
  });

  it('finds unscheduled pods with spec.nodeName= (what a scheduler lists)', () => {
    const unbound = parseFieldSelector('spec.nodeName=');
    expect(matches(unbound, (f) => fieldOf(unscheduled, f))).toBe(true);
    expect(matches(unbound, (f) => fieldOf(bound, f))).toBe(false);
  });
});
