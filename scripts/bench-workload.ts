/** The benchmarks' synthetic log and a bare nats-server: shared by bench-replay and bench-dashboard. */
import { defaultPod, type KubeEvent, type Pod } from '@kubesim/api';
import { EVENT_TTL_SECONDS, SCHEMA_VERSION, subjectOf, type ClusterEvent, type ObjectKey } from '@kubesim/core';
import type { StoredRecord } from '@kubesim/eventlog';
import { spawn, type ChildProcess } from 'node:child_process';

/** Pods still there at the end (the rest are deleted): the state a restart restores. */
const LIVE_PODS = 1000;

export function startNats(port: number, dir: string): Promise<ChildProcess> {
  const p = spawn('nats-server', ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((res, rej) => {
    let out = '';
    p.stderr!.on('data', (d) => {
      out += d;
      if (out.includes('Server is ready')) res(p);
    });
    p.once('exit', (c) => rej(new Error(`nats-server exited ${c}: ${out}`)));
  });
}

/** Kubernetes time between two records of the workload: a million records span about 14 hours. */
const RECORD_MS = 50;

/**
 * Ten records per pod — created, bound, four status reports, two Events, a phase change, deleted —
 * and, as on a cluster whose apiserver expires Events an hour after they were last seen
 * (`--event-ttl`), an `EventExpired` record for each Event once it is an hour old.
 */
export function* workload(total: number): Generator<StoredRecord> {
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  let seq = 0;
  const now = () => t0 + seq * RECORD_MS;
  const emit = (key: ObjectKey, events: ClusterEvent[]): StoredRecord => ({ seq: ++seq, time: now(), subject: subjectOf('ks', key), record: { v: SCHEMA_VERSION, events } });
  const pods = Math.ceil(total / 10);
  const alive: { name: string; at: number }[] = [];
  for (let i = 0; seq < total; i++) {
    const at = new Date(now()).toISOString();
    const by = 'bench';
    const name = `p-${i}`;
    const key: ObjectKey = { kind: 'Pod', namespace: 'default', name };
    const pod: Pod = defaultPod({ metadata: { name, labels: { app: 'bench' } }, spec: { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] } }, 'default', { uid: `uid-${i}`, now: at, suffix: 'xxxxx' });
    const node = `node-${i % 10}`;
    const status = (phase: Pod['status']['phase'], state: object) => ({ ...pod.status, phase, containerStatuses: [{ name: 'c', image: 'busybox', imageID: '', ready: phase === 'Running', restartCount: 0, started: phase === 'Running', state }] }) as Pod['status'];
    const kubeEvent = (reason: string): KubeEvent => {
      alive.push({ name: `${name}.${reason}`, at: now() });
      return {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `${name}.${reason}`, namespace: 'default', uid: `ev-${i}-${reason}`, resourceVersion: '', creationTimestamp: at },
        involvedObject: { kind: 'Pod', namespace: 'default', name, uid: pod.metadata.uid, apiVersion: 'v1' },
        reason,
        message: `${reason} ${name}`,
        type: 'Normal',
        source: { component: 'kubelet', host: node },
        firstTimestamp: at,
        lastTimestamp: at,
        count: 1,
        reportingComponent: 'kubelet',
        reportingInstance: node,
        eventTime: null,
      };
    };
    const steps: (() => [ObjectKey, ClusterEvent[]])[] = [
      () => [key, [{ type: 'PodCreated', pod, at, by }, { type: 'PodPhaseChanged', namespace: 'default', name, from: null, to: 'Pending', reason: 'Created', at, by }]],
      () => [key, [{ type: 'PodBound', namespace: 'default', name, node, at, by }]],
      () => [key, [{ type: 'PodStatusReported', namespace: 'default', name, status: status('Pending', { waiting: { reason: 'ContainerCreating' } }), at, by }]],
      () => [{ kind: 'Event', namespace: 'default', name: `${name}.Pulled` }, [{ type: 'EventRecorded', event: kubeEvent('Pulled'), at, by }]],
      () => [key, [{ type: 'PodStatusReported', namespace: 'default', name, status: status('Pending', { waiting: { reason: 'ContainerCreating' } }), at, by }]],
      () => [{ kind: 'Event', namespace: 'default', name: `${name}.Started` }, [{ type: 'EventRecorded', event: kubeEvent('Started'), at, by }]],
      () => [key, [{ type: 'PodStatusReported', namespace: 'default', name, status: status('Running', { running: { startedAt: at } }), at, by }]],
      () => [key, [{ type: 'PodPhaseChanged', namespace: 'default', name, from: 'Pending', to: 'Running', reason: 'Started', at, by }]],
      () => [key, [{ type: 'PodStatusReported', namespace: 'default', name, status: status('Running', { running: { startedAt: at } }), at, by }]],
      () => [key, i >= pods - LIVE_PODS ? [{ type: 'PodConditionSet', namespace: 'default', name, condition: { type: 'Ready', status: 'True', lastTransitionTime: at, lastProbeTime: null } as never, at, by }] : [{ type: 'PodDeleted', namespace: 'default', name, phase: 'Running', at, by }]],
    ];
    for (const step of steps) {
      while (alive.length && alive[0].at + EVENT_TTL_SECONDS * 1000 <= now()) {
        if (seq >= total) return;
        const e = alive.shift()!;
        yield emit({ kind: 'Event', namespace: 'default', name: e.name }, [{ type: 'EventExpired', namespace: 'default', name: e.name, at: new Date(now()).toISOString(), by: 'apiserver', cause: `event TTL of ${EVENT_TTL_SECONDS}s ran out` }]);
      }
      if (seq >= total) return;
      const [k, events] = step();
      yield emit(k, events);
    }
  }
}

