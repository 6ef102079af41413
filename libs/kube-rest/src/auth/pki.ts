import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

/** The admin user `kubesim up` writes into the kubeconfig, as kubeadm names it. */
export const ADMIN_USER = 'kubernetes-admin';
export const ADMIN_GROUPS = ['system:masters'] as const;

/** What a cluster's `pki/` directory holds (every file 0600). */
export interface ClusterCredentials {
  dir: string;
  caCert: string;
  serverCert: string;
  serverKey: string;
  /** The admin's bearer token (a line of `tokens.csv`). */
  adminToken: string;
  /** kube-apiserver's `--token-auth-file`: `token,user,uid,"group1,group2"` per line. */
  tokenFile: string;
  /** The RSA key ServiceAccount tokens are signed with (`--service-account-signing-key-file`), PEM. */
  serviceAccountKey: string;
}

export const pkiDir = (dataDir: string) => join(dataDir, 'pki');

const FILES = { caCert: 'ca.crt', caKey: 'ca.key', serverCert: 'apiserver.crt', serverKey: 'apiserver.key', tokens: 'tokens.csv', adminToken: 'admin.token', saKey: 'sa.key' } as const;

/**
 * A `pki/` directory's CA, serving certificate (127.0.0.1, localhost and `extraNames`) and admin token,
 * generated on first use and read back afterwards, so a restarted cluster keeps its kubeconfig valid.
 */
export function ensureClusterCredentials(dir: string, extraNames: readonly string[] = [], now = new Date()): ClusterCredentials {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const f = (name: keyof typeof FILES) => join(dir, FILES[name]);
  if (!existsSync(f('caCert')) || !existsSync(f('caKey'))) {
    const ca = selfSignedCa(now);
    write(f('caKey'), ca.key);
    write(f('caCert'), ca.cert);
  }
  if (!existsSync(f('serverCert')) || !existsSync(f('serverKey'))) {
    const s = servingCert(readFileSync(f('caCert'), 'utf8'), readFileSync(f('caKey'), 'utf8'), extraNames, now);
    write(f('serverKey'), s.key);
    write(f('serverCert'), s.cert);
  }
  if (!existsSync(f('saKey'))) write(f('saKey'), keyPair().pem);
  if (!existsSync(f('adminToken'))) {
    const token = randomBytes(24).toString('base64url');
    write(f('adminToken'), `${token}\n`);
    const line = tokenLine(token, ADMIN_USER, '', ADMIN_GROUPS);
    const prior = existsSync(f('tokens')) ? readFileSync(f('tokens'), 'utf8') : '';
    write(f('tokens'), prior + line);
  }
  return {
    dir,
    caCert: readFileSync(f('caCert'), 'utf8'),
    serverCert: f('serverCert'),
    serverKey: f('serverKey'),
    adminToken: readFileSync(f('adminToken'), 'utf8').trim(),
    tokenFile: f('tokens'),
    serviceAccountKey: readFileSync(f('saKey'), 'utf8'),
  };
}

/** One line of a static token file (kube-apiserver's `--token-auth-file` format). */
export const tokenLine = (token: string, user: string, uid: string, groups: readonly string[]) =>
  `${token},${user},${uid}${groups.length ? `,"${groups.join(',')}"` : ''}\n`;

function write(file: string, content: string) {
  writeFileSync(file, content, { mode: 0o600 });
  chmodSync(file, 0o600);
}

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { pem, priv: forge.pki.privateKeyFromPem(pem), pub: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()) };
}

const serial = () => `01${randomBytes(15).toString('hex')}`;

function validity(cert: forge.pki.Certificate, now: Date, years: number) {
  cert.validity.notBefore = new Date(now.getTime() - 5 * 60_000);
  const end = new Date(now);
  end.setFullYear(end.getFullYear() + years);
  cert.validity.notAfter = end;
}

function selfSignedCa(now: Date) {
  const k = keyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = k.pub;
  cert.serialNumber = serial();
  validity(cert, now, 10);
  const subject = [{ name: 'commonName', value: 'kubesim-ca' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(k.priv, forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: k.pem };
}

function servingCert(caPem: string, caKeyPem: string, extraNames: readonly string[], now: Date) {
  const ca = forge.pki.certificateFromPem(caPem);
  const caKey = forge.pki.privateKeyFromPem(caKeyPem);
  const k = keyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = k.pub;
  cert.serialNumber = serial();
  validity(cert, now, 1);
  cert.setSubject([{ name: 'commonName', value: 'kube-apiserver' }]);
  cert.setIssuer(ca.subject.attributes);
  const names = ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', ...extraNames];
  const ips = ['127.0.0.1', '::1', ...names.filter(isIp)];
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [...new Set(names.filter((n) => !isIp(n)))].map((value) => ({ type: 2, value })).concat([...new Set(ips)].map((ip) => ({ type: 7, ip }) as any)) },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: k.pem };
}

const isIp = (s: string) => /^[\d.]+$/.test(s) || s.includes(':');
