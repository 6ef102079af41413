import { fakeSha256Hex } from '../fake-digest';
import type { ClusterNetwork, HttpResponse, Listener } from './process-types';

/**
 * "The internet" as a pod on an ordinary cluster sees it: a public host name resolves (to a
 * stable made-up address) and answers HTTP on 80 and 443 with a plausible page. Offline (an
 * air-gapped cluster) nothing outside the cluster resolves. Reserved names never resolve:
 * `*.invalid`, `*.test`, `*.local`, `*.localhost`, `*.internal`, and `*.svc.cluster.local` /
 * `*.svc` / `*.cluster.local` names the cluster does not know.
 */
export interface Egress {
  readonly offline: boolean;
}

const RESERVED = /(^|\.)(invalid|test|local|localhost|internal|svc|example\.invalid)$|\.cluster\.local$/;
const KNOWN: Record<string, { ip: string; title: string; body: string }> = {
  'info.cern.ch': {
    ip: '188.184.67.127',
    title: 'http://info.cern.ch',
    body:
      '<html><head></head><body><header>\n<title>http://info.cern.ch</title>\n</header>\n\n<h1>http://info.cern.ch - home of the first website</h1>\n' +
      '<p>From here you can:</p>\n<ul>\n<li><a href="http://info.cern.ch/hypertext/WWW/TheProject.html">Browse the first website</a></li>\n' +
      '<li><a href="http://line-mode.cern.ch/www/hypertext/WWW/TheProject.html">Browse the first website using the line-mode browser simulator</a></li>\n' +
      '<li><a href="http://home.web.cern.ch/topics/birth-web">Learn about the birth of the web</a></li>\n' +
      '<li><a href="http://home.web.cern.ch/about">Learn about CERN, the physics laboratory where the web was born</a></li>\n</ul>\n</body></html>\n',
  },
  'example.com': {
    ip: '93.184.215.14',
    title: 'Example Domain',
    body:
      '<!doctype html>\n<html>\n<head>\n    <title>Example Domain</title>\n</head>\n\n<body>\n<div>\n    <h1>Example Domain</h1>\n' +
      '    <p>This domain is for use in illustrative examples in documents. You may use this\n    domain in literature without prior coordination or asking for permission.</p>\n' +
      '    <p><a href="https://www.iana.org/domains/example">More information...</a></p>\n</div>\n</body>\n</html>\n',
  },
};

const PRIVATE = /^(10\.|127\.|169\.254\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|0\.)/;

/** A public name's address: the known ones', else a stable one derived from the name. */
export function publicAddress(name: string): string | undefined {
  const host = name.toLowerCase().replace(/\.$/, '');
  if (!host.includes('.') || RESERVED.test(host) || !/^[a-z0-9.-]+$/.test(host)) return undefined;
  const known = KNOWN[host] ?? KNOWN[host.replace(/^www\./, '')];
  if (known) return known.ip;
  const h = fakeSha256Hex(host);
  return `${52 + (parseInt(h.slice(0, 2), 16) % 100)}.${parseInt(h.slice(2, 4), 16)}.${parseInt(h.slice(4, 6), 16)}.${1 + (parseInt(h.slice(6, 8), 16) % 254)}`;
}

function page(ip: string, names: Map<string, string>): HttpResponse {
  const name = names.get(ip);
  const known = name ? (KNOWN[name] ?? KNOWN[name.replace(/^www\./, '')]) : undefined;
  if (known) return { status: 200, body: known.body };
  const title = name ?? ip;
  return { status: 200, body: `<!doctype html>\n<html>\n<head><title>${title}</title></head>\n<body>\n<h1>${title}</h1>\n<p>Welcome to ${title}.</p>\n</body>\n</html>\n` };
}

/** The cluster network with the internet behind it (unless offline). */
export function withEgress(cluster: ClusterNetwork, egress: Egress): ClusterNetwork {
  if (egress.offline) return cluster;
  const names = new Map<string, string>();
  return {
    resolve(name, namespace) {
      const inCluster = cluster.resolve(name, namespace);
      if (inCluster !== undefined) return inCluster;
      const ip = publicAddress(name);
      if (ip) names.set(ip, name.toLowerCase().replace(/\.$/, ''));
      return ip;
    },
    reach(ip, port) {
      const inCluster = cluster.reach(ip, port);
      if (inCluster || PRIVATE.test(ip)) return inCluster;
      if (port !== 80 && port !== 443) return undefined;
      const listener: Listener = { port, program: 'internet', http: () => page(ip, names), alive: () => true };
      return listener;
    },
  };
}
