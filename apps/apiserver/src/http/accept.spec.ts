import { negotiateOutput, tableContentType } from './accept';
import { StatusError } from './status';

const KUBECTL_GET = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

function statusOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e.status;
    throw e;
  }
  throw new Error('expected a StatusError');
}

describe('negotiateOutput (Accept header → object or Table)', () => {
  it('serves the object itself without an Accept header, or for plain JSON and wildcards', () => {
    expect(negotiateOutput(undefined)).toEqual({ as: 'Object' });
    expect(negotiateOutput('')).toEqual({ as: 'Object' });
    expect(negotiateOutput('application/json')).toEqual({ as: 'Object' });
    expect(negotiateOutput('*/*')).toEqual({ as: 'Object' });
    expect(negotiateOutput('application/json, */*')).toEqual({ as: 'Object' });
  });

  it('picks the v1 Table from the three alternatives kubectl get sends', () => {
    expect(negotiateOutput(KUBECTL_GET)).toEqual({ as: 'Table', version: 'v1' });
  });

  it('accepts a meta.k8s.io/v1beta1 Table when that comes first', () => {
    expect(negotiateOutput('application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json')).toEqual({ as: 'Table', version: 'v1beta1' });
  });

  it('ignores parameter order, blanks around separators and quoting', () => {
    expect(negotiateOutput('application/json; g=meta.k8s.io; v=v1; as=Table')).toEqual({ as: 'Table', version: 'v1' });
    expect(negotiateOutput('application/json;as="Table";v="v1";g="meta.k8s.io"')).toEqual({ as: 'Table', version: 'v1' });
  });

  it('orders alternatives by q, keeping the client order among equals, and skips q=0', () => {
    expect(negotiateOutput('application/json;as=Table;v=v1;g=meta.k8s.io;q=0.5,application/json')).toEqual({ as: 'Object' });
    expect(negotiateOutput('application/json;q=0.9,application/json;as=Table;v=v1;g=meta.k8s.io')).toEqual({ as: 'Table', version: 'v1' });
    expect(negotiateOutput('application/json;as=Table;v=v1;g=meta.k8s.io;q=0,application/json')).toEqual({ as: 'Object' });
  });

  it('skips conversions it cannot serve and falls through to the next alternative', () => {
    expect(negotiateOutput('application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io,' + KUBECTL_GET)).toEqual({ as: 'Table', version: 'v1' });
    expect(negotiateOutput('application/json;as=Table;v=v2;g=meta.k8s.io,application/json')).toEqual({ as: 'Object' });
    expect(negotiateOutput('application/json;as=Table;v=v1;g=example.com,application/json')).toEqual({ as: 'Object' });
    expect(negotiateOutput('application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json')).toEqual({ as: 'Object' });
  });

  it('answers 406 NotAcceptable when every alternative is an unsupported conversion', () => {
    const status = statusOf(() => negotiateOutput('application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io'));
    expect(status).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'NotAcceptable', code: 406 });
    expect(statusOf(() => negotiateOutput('application/json;as=Table;v=v1'))).toMatchObject({ code: 406 });
  });

  it('skips a malformed alternative (content-type cannot parse it) and serves the next', () => {
    expect(negotiateOutput('application/json;as=;v=v1, application/json;as=Table;v=v1;g=meta.k8s.io')).toEqual({ as: 'Table', version: 'v1' });
  });

  it('labels a Table answer with the negotiated conversion', () => {
    expect(tableContentType('v1')).toBe('application/json;as=Table;v=v1;g=meta.k8s.io');
    expect(tableContentType('v1beta1')).toBe('application/json;as=Table;v=v1beta1;g=meta.k8s.io');
  });
});
