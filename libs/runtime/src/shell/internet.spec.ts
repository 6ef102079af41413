import { withEgress } from './internet';
import { NO_CLUSTER } from './process-types';
import { clusterWith, container, sh } from './shell.spec-helpers';

const online = withEgress(NO_CLUSTER, { offline: false });

describe('egress: the internet as a pod sees it', () => {
  it("the init-containers example's wget fetches info.cern.ch's page", () => {
    const c = container({ cluster: online });
    const r = sh('mkdir /work-dir; wget -O /work-dir/index.html http://info.cern.ch && cat /work-dir/index.html | grep "<h1>"', c);
    expect(r.exit?.code).toBe(0);
    expect(r.out).toContain('Connecting to info.cern.ch (188.184.67.127:80)');
    expect(r.out).toContain('<h1>http://info.cern.ch - home of the first website</h1>');
  });

  it('any public name resolves to a stable address and answers HTTP', () => {
    const a = sh('nslookup kubernetes.io', container({ cluster: online }));
    const b = sh('nslookup kubernetes.io', container({ cluster: online }));
    expect(a.exit?.code).toBe(0);
    expect(a.out).toEqual(b.out);
    expect(sh('wget -qO- http://kubernetes.io/', container({ cluster: online })).out).toContain('<h1>kubernetes.io</h1>');
  });

  it.each(['web.invalid', 'nosuch.default.svc.cluster.local', 'db.svc', 'printer.local', 'localhost-ish'])('%s does not resolve', (name) => {
    expect(sh(`wget -qO- http://${name}/`, container({ cluster: online }))).toMatchObject({ exit: { code: 1 }, out: [`wget: bad address '${name}'`] });
  });

  it('a Service name still resolves to its cluster IP first', () => {
    const c = container({ cluster: withEgress(clusterWith({ myservice: '10.96.0.20' }), { offline: false }) });
    expect(sh('nslookup myservice', c).out.at(-1)).toBe('Address 1: 10.96.0.20 myservice.default.svc.cluster.local');
  });

  it('offline (an air-gapped cluster): public names do not resolve', () => {
    const c = container({ cluster: withEgress(NO_CLUSTER, { offline: true }) });
    expect(sh('wget -O- http://info.cern.ch', c)).toMatchObject({ exit: { code: 1 }, out: ["wget: bad address 'info.cern.ch'"] });
  });
});
