import type { Container, ContainerState, ContainerStatus, KubeEvent, Pod } from '@kubesim/api';
import { humanDuration, humanDurationSince, parseTime } from '@kubesim/printers';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's `Mon, 02 Jan 2006 15:04:05 -0700`, in UTC. */
export function describeTime(ts: string | undefined | null): string {
  const ms = parseTime(ts);
  if (ms === undefined) return '<unknown>';
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** Lines of `label:value` pairs aligned like Go's tabwriter (padding 2). */
export function aligned(indent: string, rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([k]) => k.length + 1)) + 2;
  return rows.map(([k, v]) => `${indent}${(k + ':').padEnd(width)}${v}`.trimEnd());
}

/** A table aligned like tabwriter: each column as wide as its widest cell, plus 2. */
export function table(indent: string, rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => indent + r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] + 2))).join('').trimEnd());
}

const mapText = (m: Record<string, string> | undefined) => (m && Object.keys(m).length ? Object.entries(m).map(([k, v]) => `${k}=${v}`) : ['<none>']);

/** `kubectl describe pod`, in kubectl's layout (pkg/describe: describePod). */
export function describePod(pod: Pod, events: readonly KubeEvent[], now: number): string {
  const s = pod.status;
  const labels = mapText(pod.metadata.labels);
  const rows: [string, string][] = [
    ['Name', pod.metadata.name],
    ['Namespace', pod.metadata.namespace],
    ['Priority', String(pod.spec.priority ?? 0)],
    ['Service Account', pod.spec.serviceAccountName ?? 'default'],
    ['Node', pod.spec.nodeName ? `${pod.spec.nodeName}/${s.hostIP ?? ''}` : '<none>'],
    ['Start Time', s.startTime ? describeTime(s.startTime) : '<none>'],
    ['Labels', labels[0]],
  ];
  const out = aligned('', rows);
  for (const l of labels.slice(1)) out.push(' '.repeat(18) + l);
  out.push(...aligned('', [['Annotations', mapText(pod.metadata.annotations)[0]]]).map((l) => l.replace(/^Annotations:\s+/, 'Annotations:'.padEnd(18))));
  if (pod.metadata.deletionTimestamp) {
    out.push(`${'Status:'.padEnd(18)}Terminating (lasts ${humanDurationSince(pod.metadata.deletionTimestamp, now).replace(/^-/, '')})`);
    out.push(`${'Termination Grace Period:'.padEnd(18)}  ${pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds}s`);
  } else out.push(`${'Status:'.padEnd(18)}${s.phase}`);
  if (s.reason) out.push(`${'Reason:'.padEnd(18)}${s.reason}`);
  if (s.message) out.push(`${'Message:'.padEnd(18)}${s.message}`);
  out.push(`${'IP:'.padEnd(18)}${s.podIP ?? ''}`.trimEnd(), 'IPs:');
  if (s.podIP) out.push(`  IP:  ${s.podIP}`);
  else out[out.length - 1] = 'IPs:              <none>';
  if (pod.spec.initContainers?.length) out.push('Init Containers:', ...containers(pod.spec.initContainers, s.initContainerStatuses ?? []));
  out.push('Containers:', ...containers(pod.spec.containers, s.containerStatuses ?? []));
  out.push('Conditions:', ...table('  ', [['Type', 'Status'], ...(s.conditions ?? []).map((c) => [c.type, `${c.status} `])]));
  out.push(`${'Volumes:'.padEnd(29)}<none>`.replace('<none>', (pod.spec.volumes as unknown[] | undefined)?.length ? '' : '<none>').trimEnd());
  out.push(`${'QoS Class:'.padEnd(29)}${s.qosClass ?? 'BestEffort'}`);
  out.push(`${'Node-Selectors:'.padEnd(29)}${mapText(pod.spec.nodeSelector).join(',')}`);
  const tolerations = (pod.spec.tolerations ?? []).map((t) => `${t.key ?? ''}${t.value ? `=${t.value}` : ''}:${t.effect ?? ''} op=${t.operator ?? 'Equal'}${t.tolerationSeconds !== undefined ? ` for ${t.tolerationSeconds}s` : ''}`);
  out.push(`${'Tolerations:'.padEnd(29)}${tolerations[0] ?? '<none>'}`, ...tolerations.slice(1).map((t) => ' '.repeat(29) + t));
  out.push(...eventsBlock(events, now));
  return out.join('\n') + '\n';
}

function containers(specs: readonly Container[], statuses: readonly ContainerStatus[]): string[] {
  const out: string[] = [];
  for (const c of specs) {
    const st = statuses.find((x) => x.name === c.name);
    out.push(`  ${c.name}:`);
    const rows: [string, string][] = [];
    if (st?.containerID) rows.push(['Container ID', st.containerID]);
    rows.push(['Image', c.image]);
    rows.push(['Image ID', st?.imageID ?? '']);
    // kubectl's describeContainerPorts / describeContainerHostPorts: "Ports" once there are several.
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`);
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`);
    rows.push([ports.length > 1 ? 'Ports' : 'Port', ports.join(', ') || '<none>'], [hostPorts.length > 1 ? 'Host Ports' : 'Host Port', hostPorts.join(', ') || '<none>']);
    const block = aligned('    ', rows);
    for (const [label, argv] of [['Command', c.command], ['Args', c.args]] as const) {
      if (argv?.length) block.push(`    ${label}:`, ...argv.map((a) => `      ${a}`));
    }
    const state: [string, string][] = [];
    stateRows(state, 'State', st?.state, true);
    stateRows(state, 'Last State', st?.lastState, false);
    state.push(['Ready', st?.ready ? 'True' : 'False'], ['Restart Count', String(st?.restartCount ?? 0)]);
    for (const [type, field] of [['Liveness', 'livenessProbe'], ['Readiness', 'readinessProbe'], ['Startup', 'startupProbe']] as const) {
      const p = c[field] as Record<string, any> | undefined;
      if (p) state.push([type, probeText(p)]);
    }
    const env = (c.env ?? []).map((e) => `${e.name}:  ${e.value ?? ''}`);
    state.push(['Environment', env[0] ?? '<none>']);
    const mounts = ((c.volumeMounts as { name: string; mountPath: string }[] | undefined) ?? []).map((m) => `${m.mountPath} from ${m.name} (rw)`);
    state.push(['Mounts', mounts[0] ?? '<none>']);
    const width = Math.max(...state.map(([k]) => k.length + 1)) + 2;
    for (const [k, v] of state) block.push(k.startsWith(' ') ? `    ${k.padEnd(width)}${v}` : `    ${(k + ':').padEnd(width)}${v}`);
    block.push(...env.slice(1).map((e) => `      ${e}`), ...mounts.slice(1).map((m) => `      ${m}`));
    out.push(...block.map((l) => l.trimEnd()));
  }
  return out;
}

/** `State:  Running` + `  Started: …` lines (the sub-rows are indented two more). */
function stateRows(rows: [string, string][], label: string, state: ContainerState | undefined, always: boolean) {
  if (state?.running) rows.push([label, 'Running'], ['  Started:', describeTime(state.running.startedAt)]);
  else if (state?.waiting) {
    rows.push([label, 'Waiting'], ['  Reason:', state.waiting.reason ?? '']);
  } else if (state?.terminated) {
    const t = state.terminated;
    rows.push([label, 'Terminated'], ['  Reason:', t.reason ?? ''], ['  Exit Code:', String(t.exitCode)], ['  Started:', describeTime(t.startedAt)], ['  Finished:', describeTime(t.finishedAt)]);
  } else if (always) rows.push([label, 'Waiting']);
}

function probeText(p: Record<string, any>): string {
  let handler = '';
  if (p.exec) handler = `exec [${(p.exec.command ?? []).join(' ')}]`;
  else if (p.httpGet) handler = `http-get ${(p.httpGet.scheme ?? 'HTTP').toLowerCase()}://${p.httpGet.host ?? ''}:${p.httpGet.port}${p.httpGet.path ?? ''}`;
  else if (p.tcpSocket) handler = `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port}`;
  const n = (v: unknown, d: number) => (typeof v === 'number' ? v : d);
  return `${handler} delay=${n(p.initialDelaySeconds, 0)}s timeout=${n(p.timeoutSeconds, 1)}s period=${n(p.periodSeconds, 10)}s #success=${n(p.successThreshold, 1)} #failure=${n(p.failureThreshold, 3)}`;
}

/** The events block; repeats as `10s (x3 over 20s)`. */
export function eventsBlock(events: readonly KubeEvent[], now: number): string[] {
  if (events.length === 0) return ['Events:                      <none>'];
  const sorted = [...events].sort((a, b) => (parseTime(a.firstTimestamp) ?? 0) - (parseTime(b.firstTimestamp) ?? 0));
  const rows = sorted.map((e) => {
    const count = e.count ?? 1;
    const age = count > 1 ? `${humanDurationSince(e.lastTimestamp, now)} (x${count} over ${humanDurationSince(e.firstTimestamp, now)})` : humanDurationSince(e.firstTimestamp, now);
    return [e.type ?? 'Normal', e.reason ?? '', age, e.source?.component ?? e.reportingComponent ?? '', e.message ?? ''];
  });
  return ['Events:', ...table('  ', [['Type', 'Reason', 'Age', 'From', 'Message'], ['----', '------', '----', '----', '-------'], ...rows])];
}

export { humanDuration };
