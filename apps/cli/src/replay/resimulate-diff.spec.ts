import { diffOutcomes, formatDiff, summaryLine } from './resimulate-diff';
import type { Outcome, PodOutcome } from './resimulate-outcome';

const pod = (name: string, o: Partial<PodOutcome> = {}): PodOutcome => ({ namespace: 'default', name, created: '2024-05-01T09:00:00Z', phase: 'Running', status: 'Running', restarts: 0, ...o });
const running = (name: string, node: string, o: Partial<PodOutcome> = {}) => pod(name, { node, ...o });
const pending = (name: string, message: string, o: Partial<PodOutcome> = {}) => pod(name, { phase: 'Pending', status: 'Pending', unschedulable: message, ...o });
const outcome = (pods: PodOutcome[], o: Partial<Outcome> = {}): Outcome => ({ pods, evicted: {}, unknown: {}, ...o });
const RS = 'ReplicaSet/web-5d8f9c7b6d';
const NO_ROOM = '0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.';

describe('diffOutcomes', () => {
  it('finds nothing when every pod ended alike (a controller’s pods match whatever their random names)', () => {
    const d = diffOutcomes(
      outcome([running('solo', 'node-1'), running('web-5d8f9c7b6d-aaaaa', 'node-1', { owner: RS }), running('web-5d8f9c7b6d-bbbbb', 'node-2', { owner: RS })]),
      outcome([running('solo', 'node-1'), running('web-5d8f9c7b6d-xxxxx', 'node-2', { owner: RS }), running('web-5d8f9c7b6d-yyyyy', 'node-1', { owner: RS })]),
    );
    expect(d.pods.every((p) => p.differences.length === 0)).toBe(true);
    expect(summaryLine(d)).toBe('Summary: no differences: 3 pods ended as in the original.');
  });

  it('reports a pod that stayed Pending with the scheduler’s message', () => {
    const d = diffOutcomes(outcome([running('filler-3', 'node-3')]), outcome([pending('filler-3', NO_ROOM)]));
    expect(d.pods[0].differences).toEqual([{ kind: 'stayed-pending', message: NO_ROOM }]);
  });

  it('pairs a controller’s pods that ended alike first, so only the odd one out differs', () => {
    const d = diffOutcomes(
      outcome([running('web-5d8f9c7b6d-aaaaa', 'node-1', { owner: RS }), running('web-5d8f9c7b6d-bbbbb', 'node-2', { owner: RS, created: '2024-05-01T09:00:01Z' })]),
      outcome([pending('web-5d8f9c7b6d-zzzzz', NO_ROOM, { owner: RS }), running('web-5d8f9c7b6d-yyyyy', 'node-2', { owner: RS, created: '2024-05-01T09:00:05Z' })]),
    );
    const differing = d.pods.filter((p) => p.differences.length);
    expect(differing).toHaveLength(1);
    expect(differing[0]).toMatchObject({ original: { name: 'web-5d8f9c7b6d-aaaaa' }, resimulated: { name: 'web-5d8f9c7b6d-zzzzz' }, differences: [{ kind: 'stayed-pending' }] });
  });

  it('reports another node, another STATUS and other restarts; pods on one side only', () => {
    const d = diffOutcomes(
      outcome([running('a', 'node-1'), running('b', 'node-1'), running('c', 'node-1', { restarts: 0 }), running('gone', 'node-1')]),
      outcome([running('a', 'node-2'), running('b', 'node-1', { status: 'CrashLoopBackOff', restarts: 3 }), running('c', 'node-1'), running('new', 'node-1')]),
    );
    const by = Object.fromEntries(d.pods.map((p) => [(p.original ?? p.resimulated)!.name, p.differences]));
    expect(by).toEqual({
      a: [{ kind: 'other-node', from: 'node-1', to: 'node-2' }],
      b: [
        { kind: 'status', from: 'Running', to: 'CrashLoopBackOff' },
        { kind: 'restarts', from: 0, to: 3 },
      ],
      c: [],
      gone: [{ kind: 'not-there' }],
      new: [{ kind: 'only-resimulated' }],
    });
  });

  it('a pod the original left Pending that the resimulation placed', () => {
    const d = diffOutcomes(outcome([pending('big', NO_ROOM)]), outcome([running('big', 'node-4')]));
    expect(d.pods[0].differences).toEqual([{ kind: 'scheduled-now' }, { kind: 'status', from: 'Pending', to: 'Running' }]);
  });

  it('counts evicted and Unknown pods per controller where they differ', () => {
    const d = diffOutcomes(
      outcome([], { evicted: { [`default/${RS}`]: ['web-5d8f9c7b6d-bbbbb'] }, unknown: { [`default/${RS}`]: ['web-5d8f9c7b6d-bbbbb'], 'default/same': ['same'] } }),
      outcome([], { unknown: { 'default/same': ['same'] } }),
    );
    expect(d.disruptions).toEqual([{ group: `default/${RS}`, evicted: [1, 0], unknown: [1, 0] }]);
  });
});

describe('formatDiff', () => {
  it('prints a kubectl-style table of the differing pods, the disruptions and a summary', () => {
    const d = diffOutcomes(
      outcome([running('filler-3', 'node-3'), running('web-5d8f9c7b6d-aaaaa', 'node-2', { owner: RS }), running('solo', 'node-1')], {
        evicted: { [`default/${RS}`]: ['web-5d8f9c7b6d-bbbbb'] },
      }),
      outcome([pending('filler-3', NO_ROOM), running('web-5d8f9c7b6d-xxxxx', 'node-1', { owner: RS }), running('solo', 'node-1')]),
    );
    expect(formatDiff(d)).toBe(
      [
        'NAMESPACE   POD                    ORIGINAL            RESIMULATED                                DIFFERENCE',
        `default     filler-3               Running on node-3   Pending                                    stayed Pending: ${NO_ROOM}`,
        'default     web-5d8f9c7b6d-aaaaa   Running on node-2   Running on node-1 (web-5d8f9c7b6d-xxxxx)   placed on node-1 instead of node-2',
        '',
        'PODS OF                             EVICTED (ORIGINAL → RESIMULATED)   UNKNOWN (ORIGINAL → RESIMULATED)',
        'default/ReplicaSet/web-5d8f9c7b6d   1 → 0                              0 → 0',
        '',
        'Summary: 2 pods of 3 differ (3 in the resimulation): 1 stayed Pending, 1 on another node, evicted 1 → 0, Unknown 0 → 0.',
        '',
      ].join('\n'),
    );
  });
});
