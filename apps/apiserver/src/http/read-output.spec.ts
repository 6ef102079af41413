import { aPod } from '@kubesim/testing';
import { makeQuery } from './list';
import { listReply, objectReply, watchEncoding } from './read-output';
import { resourceInfo } from './resources';
import type { Table } from './table';

const KUBECTL_GET = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const pods = makeQuery(resourceInfo('pods')!, 'default', {});

describe('read replies (GET item / list / watch)', () => {
  it('answers a plain GET with the object and a plain list with a <Kind>List', () => {
    const pod = aPod('web');
    expect(objectReply(pod, 'application/json', {})).toEqual({ code: 200, body: pod });
    const list = listReply(pods, [pod], 12, undefined, {});
    expect(list.contentType).toBeUndefined();
    expect(list.body).toMatchObject({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '12' } });
  });

  it('answers kubectl get with Tables labelled with the negotiated media type', () => {
    const pod = aPod('web');
    pod.metadata.resourceVersion = '5';
    const item = objectReply(pod, KUBECTL_GET, {});
    expect(item.contentType).toBe('application/json;as=Table;v=v1;g=meta.k8s.io');
    expect(item.body).toMatchObject({ kind: 'Table', metadata: { resourceVersion: '5' }, rows: [{ cells: expect.arrayContaining(['web']) }] });
    const list = listReply(pods, [pod, aPod('db')], 12, KUBECTL_GET, { includeObject: 'Object' });
    const table = list.body as Table;
    expect(table.metadata.resourceVersion).toBe('12');
    expect(table.rows.map((r) => r.cells[0])).toEqual(['web', 'db']);
    expect(table.rows[0].object).toMatchObject({ kind: 'Pod', apiVersion: 'v1' });
  });

  it('encodes watch events as Tables only when the Accept header asks for them', () => {
    expect(watchEncoding(pods, 'application/json', {})).toEqual({});
    const encoding = watchEncoding(pods, KUBECTL_GET, {});
    expect(encoding.contentType).toBe('application/json;as=Table;v=v1;g=meta.k8s.io');
    expect(encoding.encode!('ADDED', aPod('web'))).toMatchObject({ kind: 'Table', rows: [{ object: { kind: 'PartialObjectMetadata' } }] });
  });

  it('refuses a bad includeObject before anything is sent', () => {
    expect(() => watchEncoding(pods, KUBECTL_GET, { includeObject: 'All' })).toThrow('unrecognized includeObject value');
    expect(() => listReply(pods, [], 1, KUBECTL_GET, { includeObject: 'All' })).toThrow('unrecognized includeObject value');
  });
});
