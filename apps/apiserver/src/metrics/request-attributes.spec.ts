import { requestAttributes } from './request-attributes';

describe('requestAttributes: the labels of apiserver_request_total', () => {
  it.each<[string, string, string, Partial<ReturnType<typeof requestAttributes>>]>([
    ['GET', '/api/v1/namespaces/default/pods', '', { verb: 'LIST', group: '', version: 'v1', resource: 'pods', scope: 'namespace' }],
    ['GET', '/api/v1/pods?watch=true', '', { verb: 'WATCH', resource: 'pods', scope: 'cluster' }],
    ['GET', '/api/v1/watch/namespaces/default/pods', '', { verb: 'WATCH', resource: 'pods', scope: 'namespace' }],
    ['GET', '/api/v1/namespaces/default/pods/web/log', '', { verb: 'GET', resource: 'pods', subresource: 'log', scope: 'resource' }],
    ['POST', '/api/v1/namespaces/default/pods/web/binding', '', { verb: 'POST', subresource: 'binding', scope: 'resource' }],
    ['GET', '/api/v1/namespaces/kube-system', '', { verb: 'GET', resource: 'namespaces', scope: 'resource' }],
    ['GET', '/api/v1/nodes', '', { verb: 'LIST', resource: 'nodes', scope: 'cluster' }],
    ['DELETE', '/apis/apps/v1/namespaces/default/deployments', '', { verb: 'DELETECOLLECTION', group: 'apps', version: 'v1', resource: 'deployments' }],
    ['PATCH', '/apis/apps/v1/namespaces/default/deployments/web', 'application/apply-patch+yaml', { verb: 'APPLY', resource: 'deployments', scope: 'resource' }],
    ['POST', '/api/v1/namespaces/default/pods?dryRun=All', '', { verb: 'POST', dryRun: 'All' }],
    ['GET', '/healthz', '', { verb: 'GET', resource: '', scope: '' }],
    ['GET', '/apis', '', { verb: 'GET', group: '', resource: '' }],
  ])('%s %s', (method, url, contentType, expected) => {
    expect(requestAttributes(method, url, contentType)).toMatchObject(expected);
  });
});
