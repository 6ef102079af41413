import { SCHEMA_VERSION } from '@kubesim/core';
import { formatLine, parseLogFile } from './log-file';

const rec = (seq: number) => ({ seq, time: Date.parse('2026-01-01T00:00:00Z') + seq, subject: `ks.node._.n${seq}`, record: { v: SCHEMA_VERSION, events: [{ type: 'NodeDeleted' as const, name: `n${seq}`, at: '2026-01-01T00:00:00Z', by: 't' }] } });

describe('export file format', () => {
  it('reads back what it writes', () => {
    const records = [rec(1), rec(2), rec(3)];
    expect(parseLogFile(records.map(formatLine).join(''))).toEqual(records);
  });

  const good = [rec(1), rec(2), rec(3)].map(formatLine);
  it.each([
    ['a truncated last line', good.join('').slice(0, -20), /^line 3: /],
    ['a corrupt line', [good[0], '{"seq":2,"ti\n', good[2]].join(''), /^line 2: not valid JSON/],
    ['another schema version', [good[0], good[1].replace(`"v":${SCHEMA_VERSION}`, '"v":99'), good[2]].join(''), /^line 2: schema version 99; this kubesim reads version 1/],
    ['an event type it does not know', [good[0], good[1].replace('"type":"NodeDeleted"', '"type":"NodeTeleported"'), good[2]].join(''), /^line 2: an event of type "NodeTeleported" this kubesim does not know/],
    ['records out of order', [good[1], good[0]].join(''), /^line 2: seq 1 after 2/],
    ['a line that is not a record', [good[0], '[]\n'].join(''), /^line 2: /],
  ])('refuses %s, naming the line', (_name, text, message) => {
    expect(() => parseLogFile(text)).toThrow(message);
  });
});
