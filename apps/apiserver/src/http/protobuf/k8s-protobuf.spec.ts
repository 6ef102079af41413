import { decodeK8sProtobuf } from './k8s-protobuf';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const varint = (n: number) => {
  const out: number[] = [];
  for (; n >= 0x80; n = Math.floor(n / 128)) out.push((n % 128) | 0x80);
  return Buffer.from([...out, n]);
};

describe('Kubernetes protobuf bodies', () => {
  it('kubectl create namespace (v1.32’s bytes, from -v=9): the envelope’s TypeMeta and the Namespace, unset fields left out', () => {
    const body = hex(`6b 38 73 00 0a 0f 0a 02 76 31 12 09 4e 61 6d 65 73 70 61 63 65 12 1a 0a 12 0a 02 78 31 12 00 1a 00 22 00 2a 00 32 00 38 00 42 00 12 00 1a 02 0a 00 1a 00 22 00`);
    expect(decodeK8sProtobuf(body)).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x1' }, spec: {}, status: {} });
  });

  it('labels and annotations (map entries), finalizers (repeated), creationTimestamp (seconds)', () => {
    const entry = (k: string, v: string) => Buffer.concat([Buffer.from([0x0a, k.length]), Buffer.from(k), Buffer.from([0x12, v.length]), Buffer.from(v)]);
    const field = (no: number, b: Buffer) => Buffer.concat([Buffer.from([(no << 3) | 2, b.length]), b]);
    const meta = Buffer.concat([field(1, Buffer.from('team-a')), field(11, entry('env', 'dev')), field(11, entry('tier', 'web')), field(12, entry('note', 'hi')), field(8, Buffer.concat([Buffer.from([0x08]), varint(Date.parse('2024-10-01T00:00:00Z') / 1000)]))]);
    const ns = Buffer.concat([field(1, meta), field(2, field(1, Buffer.from('kubernetes')))]);
    const typeMeta = Buffer.concat([field(1, Buffer.from('v1')), field(2, Buffer.from('Namespace'))]);
    const body = Buffer.concat([Buffer.from('k8s\0', 'latin1'), field(1, typeMeta), field(2, ns)]);
    expect(decodeK8sProtobuf(body)).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team-a', labels: { env: 'dev', tier: 'web' }, annotations: { note: 'hi' }, creationTimestamp: '2024-10-01T00:00:00Z' },
      spec: { finalizers: ['kubernetes'] },
    });
  });

  it('a kind kubesim has no field numbers for → 415 naming it', () => {
    const body = hex(`6b 38 73 00 0a 15 0a 07 61 70 70 73 2f 76 31 12 0a 44 65 70 6c 6f 79 6d 65 6e 74 12 00`);
    expect(() => decodeK8sProtobuf(body)).toThrow(
      expect.objectContaining({ status: expect.objectContaining({ code: 415, reason: 'UnsupportedMediaType', message: expect.stringContaining('kubesim decodes protobuf only for Namespace; send Deployment as application/json') }) }),
    );
  });

  it.each([
    ['no magic', hex('0a 00')],
    ['a truncated field', hex('6b 38 73 00 0a 0f 0a 02')],
  ])('%s → 400', (_name, body) => {
    expect(() => decodeK8sProtobuf(body)).toThrow(expect.objectContaining({ status: expect.objectContaining({ code: 400 }) }));
  });

  it('an unknown field number is refused, not dropped', () => {
    const body = hex(`6b 38 73 00 0a 0f 0a 02 76 31 12 09 4e 61 6d 65 73 70 61 63 65 12 05 0a 03 f8 01 00`);
    expect(() => decodeK8sProtobuf(body)).toThrow('field 31 of ObjectMeta is not known to kubesim');
  });
});
