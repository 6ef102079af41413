// Regenerates libs/runtime/src/shell/corpus/docs.corpus.json from the docs examples: node scripts/extract-shell-corpus.js [DIR]
const fs = require('fs'), path = require('path'), YAML = require('yaml');
const root = process.argv[2] ?? '../shared/corpus/k8s-docs-examples';
const out = [];
function walk(d) { for (const f of fs.readdirSync(d).sort()) { const p = path.join(d, f); if (fs.statSync(p).isDirectory()) walk(p); else if (/\.ya?ml$/.test(f)) scan(p); } }
function podSpecs(o) { const r = []; const visit = (x) => { if (!x || typeof x !== 'object') return; if (Array.isArray(x)) return x.forEach(visit); if (Array.isArray(x.containers)) r.push(x); for (const v of Object.values(x)) visit(v); }; visit(o); return r; }
function scan(p) {
  let docs; try { docs = YAML.parseAllDocuments(fs.readFileSync(p, 'utf8')).map(d => d.toJSON()); } catch { return; }
  for (const doc of docs) for (const spec of podSpecs(doc)) for (const c of [...(spec.initContainers || []), ...spec.containers]) {
    const file = path.relative(root, p);
    const env = Object.fromEntries((c.env || []).filter(e => typeof e.value === 'string').map(e => [e.name, e.value]));
    const mounts = (c.volumeMounts || []).map(m => m.mountPath); const base = { file, image: c.image, ...(Object.keys(env).length ? { env } : {}), ...(mounts.length ? { mounts } : {}) };
    if (c.command || c.args) out.push({ ...base, where: 'command', ...(c.command ? { command: c.command } : {}), ...(c.args ? { args: c.args } : {}) });
    const main = c.command || c.args ? { main: { ...(c.command ? { command: c.command } : {}), ...(c.args ? { args: c.args } : {}) } } : {}; for (const [k, pr] of Object.entries({ livenessProbe: c.livenessProbe, readinessProbe: c.readinessProbe, startupProbe: c.startupProbe })) if (pr?.exec) out.push({ ...base, where: k, command: pr.exec.command, ...main });
    for (const h of ['postStart', 'preStop']) if (c.lifecycle?.[h]?.exec) out.push({ ...base, where: h, command: c.lifecycle[h].exec.command, ...main });
  }
}
walk(root);
fs.writeFileSync(path.join(__dirname, '../libs/runtime/src/shell/corpus/docs.corpus.json'), '[\n' + out.map(x => ' ' + JSON.stringify(x)).join(',\n') + '\n]\n');
console.log(out.length);
