import type { KubeEvent, Pod } from '@kubesim/api';
import { eventColumns, eventRow, namespaceColumns, nodeColumns, nodeRow, podColumns, podRow } from '@kubesim/printers';
import { aNamespace, aNode, aPod, FIXTURE_TIME } from '@kubesim/testing';
import { StatusError } from './status';
import { parseIncludeObject, toTable, typedCell, type TableOptions } from './table';

const NOW = Date.parse(FIXTURE_TIME) + 90_000; // every fixture is 90s old
const V1: TableOptions = { version: 'v1', includeObject: 'Metadata', now: NOW };

function runningPod(name: string): Pod {
  const pod = aPod(name);
  pod.metadata.labels = { app: name };
  pod.spec.nodeName = 'node-1';
  pod.status = { ...pod.status, phase: 'Running', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }] };
  return pod;
}

function anEvent(): KubeEvent {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'web.17a', namespace: 'default', uid: 'uid-ev', resourceVersion: '9', creationTimestamp: FIXTURE_TIME },
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', fieldPath: 'spec.containers{app}' },
    reason: 'Pulled',
    message: 'Container image "nginx" already present on machine',
    type: 'Normal',
    source: { component: 'kubelet', host: 'node-1' },
    firstTimestamp: FIXTURE_TIME,
    lastTimestamp: FIXTURE_TIME,
    count: 2,
    reportingComponent: 'kubelet',
    reportingInstance: 'node-1',
    eventTime: null,
  };
}

describe('toTable (meta.k8s.io Table for kubectl get)', () => {
  it('is a meta.k8s.io/v1 Table carrying the resourceVersion it is given', () => {
    const table = toTable('Pod', [runningPod('web')], '42', V1);
    expect(table).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: '42' } });
    expect(toTable('Pod', [], '42', { ...V1, version: 'v1beta1' }).apiVersion).toBe('meta.k8s.io/v1beta1');
  });

  it("declares every one of the printer's columns, priority-1 ones included", () => {
    const table = toTable('Pod', [], '1', V1);
    expect(table.columnDefinitions).toEqual(podColumns.map((c) => ({ name: c.name, type: c.type, format: c.format, description: c.description, priority: c.priority })));
    expect(table.columnDefinitions.filter((c) => c.priority === 1).map((c) => c.name)).toEqual(['IP', 'Node', 'Nominated Node', 'Readiness Gates']);
    expect(table.rows).toEqual([]);
  });

  it("fills a pod row's cells from podRow, wide, with AGE as of the given time", () => {
    const pod = runningPod('web');
    const [row] = toTable('Pod', [pod], '1', V1).rows;
    expect(row.cells).toEqual(podRow(pod, NOW, true));
    expect(row.cells[0]).toBe('web');
    expect(row.cells[4]).toBe('90s');
    expect(row.cells.slice(5)).toEqual(['10.244.1.5', 'node-1', '<none>', '<none>']);
  });

  it('uses the node and event printers, and NAME STATUS AGE for namespaces', () => {
    const node = aNode('node-1');
    const nodes = toTable('Node', [node], '1', V1);
    expect(nodes.columnDefinitions.map((c) => c.name)).toEqual(nodeColumns.map((c) => c.name));
    expect(nodes.rows[0].cells).toEqual(nodeRow(node, NOW, true));

    const event = anEvent();
    const events = toTable('Event', [event], '1', V1);
    expect(events.columnDefinitions.map((c) => c.name)).toEqual(eventColumns.map((c) => c.name));
    expect(events.rows[0].cells).toEqual(eventRow(event, NOW, true));

    const namespaces = toTable('Namespace', [aNamespace('team-a')], '1', V1);
    expect(namespaces.columnDefinitions.map((c) => [c.name, c.format, c.priority])).toEqual([
      ['Name', 'name', 0],
      ['Status', '', 0],
      ['Age', '', 0],
    ]);
    expect(namespaces.columnDefinitions).toEqual([...namespaceColumns]);
    expect(namespaces.rows[0].cells).toEqual(['team-a', 'Active', '90s']);
  });

  it('gives each row a PartialObjectMetadata by default (includeObject=Metadata)', () => {
    const pod = runningPod('web');
    const [row] = toTable('Pod', [pod], '1', V1).rows;
    expect(row.object).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: pod.metadata });
    expect(row.object).toMatchObject({ metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } } });
    const [beta] = toTable('Pod', [pod], '1', { ...V1, version: 'v1beta1' }).rows;
    expect(beta.object).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1beta1' });
  });

  it('gives the whole object with includeObject=Object, and none with includeObject=None', () => {
    const pod = runningPod('web');
    const [full] = toTable('Pod', [pod], '1', { ...V1, includeObject: 'Object' }).rows;
    expect(full.object).toEqual(pod);
    expect(full.object).toMatchObject({ kind: 'Pod', apiVersion: 'v1', spec: { nodeName: 'node-1' } });
    const [bare] = toTable('Pod', [pod], '1', { ...V1, includeObject: 'None' }).rows;
    expect(bare).not.toHaveProperty('object');
    expect(bare.cells[0]).toBe('web');
  });

  it('marks Succeeded and Failed pods Completed, as printPod does, and no other pod', () => {
    const done = runningPod('job');
    done.status = { ...done.status, phase: 'Succeeded' };
    const failed = runningPod('bad');
    failed.status = { ...failed.status, phase: 'Failed' };
    const rows = toTable('Pod', [done, failed, runningPod('web')], '1', V1).rows;
    expect(rows[0].conditions).toEqual([{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]);
    expect(rows[1].conditions).toEqual([{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }]);
    expect(rows[2]).not.toHaveProperty('conditions');
  });

  it('leaves columnDefinitions empty when told there are to be no headers', () => {
    const table = toTable('Node', [aNode('node-1')], '1', { ...V1, noHeaders: true });
    expect(table.columnDefinitions).toEqual([]);
    expect(table.rows).toHaveLength(1);
  });
});

describe('typedCell', () => {
  const col = (type: 'string' | 'integer' | 'number') => ({ name: 'X', type, format: '' as const, description: '', priority: 0 as const });
  it('keeps strings, and sends integer and number columns as numbers', () => {
    expect(typedCell('3', col('string'))).toBe('3');
    expect(typedCell('3', col('integer'))).toBe(3);
    expect(typedCell('-2', col('integer'))).toBe(-2);
    expect(typedCell('1.5', col('number'))).toBe(1.5);
  });
  it('leaves a cell that is not a number as it is', () => {
    expect(typedCell('<none>', col('integer'))).toBe('<none>');
    expect(typedCell('', col('number'))).toBe('');
  });
});

describe('parseIncludeObject', () => {
  it('defaults to Metadata and accepts None, Metadata and Object', () => {
    expect(parseIncludeObject(undefined)).toBe('Metadata');
    expect(parseIncludeObject('')).toBe('Metadata');
    expect(parseIncludeObject('None')).toBe('None');
    expect(parseIncludeObject('Object')).toBe('Object');
  });
  it('rejects anything else with a 400, as kube-apiserver does', () => {
    expect(() => parseIncludeObject('everything')).toThrow(StatusError);
    try {
      parseIncludeObject('everything');
    } catch (e) {
      expect((e as StatusError).status).toMatchObject({ code: 400, reason: 'BadRequest', message: 'unrecognized includeObject value: "everything"' });
    }
  });
});
