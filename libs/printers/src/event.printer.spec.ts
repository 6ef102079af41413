import { eventObject, eventRow } from './event.printer';
import { makeEvent, NOW } from './printers.builders.spec-helpers';

describe('eventRow (kubectl get events)', () => {
  it('prints LAST SEEN TYPE REASON OBJECT MESSAGE', () => {
    const event = makeEvent('Scheduled').message('Successfully assigned default/web to node-1').seen(90, 90, 1).build();
    expect(eventRow(event, NOW)).toEqual(['90s', 'Normal', 'Scheduled', 'pod/web', 'Successfully assigned default/web to node-1']);
  });

  it('LAST SEEN is the most recent occurrence of a repeated event', () => {
    const event = makeEvent('Unhealthy').warning().message('Liveness probe failed: no such file').seen(20 * 60, 10, 3).build();
    expect(eventRow(event, NOW)[0]).toBe('10s');
  });

  it('trims the message', () => {
    expect(eventRow(makeEvent().message('  Started container app\n').build(), NOW)[4]).toBe('Started container app');
  });

  it('falls back to eventTime for events that only set it, and counts them once', () => {
    const row = eventRow(makeEvent('Scheduled').onlyEventTime(42).build(), NOW, true);
    expect(row[0]).toBe('42s');
    expect(row[7]).toBe('42s');
    expect(row[8]).toBe('1');
  });

  it('adds SUBOBJECT SOURCE FIRST SEEN COUNT NAME with -o wide', () => {
    const event = makeEvent('BackOff')
      .warning()
      .about('Pod', 'crash', 'spec.containers{app}')
      .message('Back-off restarting failed container app in pod crash_default(uid)')
      .seen(300, 5, 7)
      .build();
    expect(eventRow(event, NOW, true)).toEqual([
      '5s',
      'Warning',
      'BackOff',
      'pod/crash',
      'spec.containers{app}',
      'kubelet, node-1',
      'Back-off restarting failed container app in pod crash_default(uid)',
      '5m',
      '7',
      'web.backoff',
    ]);
  });

  it('SOURCE uses the component alone when there is no host', () => {
    const event = makeEvent('Scheduled').source('default-scheduler').build();
    event.reportingInstance = '';
    expect(eventRow(event, NOW, true)[5]).toBe('default-scheduler');
  });
});

describe('eventObject', () => {
  it.each([
    ['Pod', 'web', 'pod/web'],
    ['Node', 'node-1', 'node/node-1'],
    ['ReplicaSet', 'web-7d4b9', 'replicaset/web-7d4b9'],
    ['Node', '', 'node'],
  ])('%s %j → %s', (kind, name, expected) => {
    expect(eventObject(makeEvent().about(kind, name).build())).toBe(expected);
  });
});
