import { requestAttributes } from './request-attributes';

describe('request attributes (RequestInfo)', () => {
  it.each([
    ['GET', '/api/v1/namespaces/default/pods', {}, { kind: 'resource', verb: 'list', apiGroup: '', apiVersion: 'v1', resource: 'pods', subresource: '', namespace: 'default', name: '' }],
    ['GET', '/api/v1/pods', { watch: 'true' }, { kind: 'resource', verb: 'watch', apiGroup: '', apiVersion: 'v1', resource: 'pods', subresource: '', namespace: '', name: '' }],
    ['DELETE', '/api/v1/nodes/node-1', {}, { kind: 'resource', verb: 'delete', apiGroup: '', apiVersion: 'v1', resource: 'nodes', subresource: '', namespace: '', name: 'node-1' }],
    ['GET', '/api/v1/namespaces/ns/pods/web/log', {}, { kind: 'resource', verb: 'get', apiGroup: '', apiVersion: 'v1', resource: 'pods', subresource: 'log', namespace: 'ns', name: 'web' }],
    ['POST', '/api/v1/namespaces/ns/pods/web/eviction', {}, { kind: 'resource', verb: 'create', apiGroup: '', apiVersion: 'v1', resource: 'pods', subresource: 'eviction', namespace: 'ns', name: 'web' }],
    ['PATCH', '/apis/apps/v1/namespaces/ns/deployments/web/scale', {}, { kind: 'resource', verb: 'patch', apiGroup: 'apps', apiVersion: 'v1', resource: 'deployments', subresource: 'scale', namespace: 'ns', name: 'web' }],
    ['GET', '/api/v1/namespaces/dev', {}, { kind: 'resource', verb: 'get', apiGroup: '', apiVersion: 'v1', resource: 'namespaces', subresource: '', namespace: 'dev', name: 'dev' }],
    ['PUT', '/api/v1/namespaces/dev/finalize', {}, { kind: 'resource', verb: 'update', apiGroup: '', apiVersion: 'v1', resource: 'namespaces', subresource: 'finalize', namespace: 'dev', name: 'dev' }],
    ['DELETE', '/apis/batch/v1/namespaces/ns/jobs', {}, { kind: 'resource', verb: 'deletecollection', apiGroup: 'batch', apiVersion: 'v1', resource: 'jobs', subresource: '', namespace: 'ns', name: '' }],
    ['GET', '/apis/apps/v1', {}, { kind: 'nonResource', verb: 'get', path: '/apis/apps/v1' }],
    ['GET', '/healthz', {}, { kind: 'nonResource', verb: 'get', path: '/healthz' }],
    ['POST', '/metrics', {}, { kind: 'nonResource', verb: 'post', path: '/metrics' }],
  ])('%s %s', (method, path, query, attrs) => {
    expect(requestAttributes(method, path, query)).toEqual(attrs);
  });
});
