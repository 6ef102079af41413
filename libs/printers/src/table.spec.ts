import { NONE, tableHeaders } from './columns';
import { podColumns } from './pod.printer';
import { renderTable } from './table';

describe('renderTable (kubectl tabwriter: minwidth 6, padding 3)', () => {
  it('pads each column to its widest cell plus 3 spaces, the last column not at all', () => {
    const out = renderTable(
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
      [
        ['myapp-pod', '0/1', 'Init:0/2', '0', '6m'],
        ['liveness-exec', '1/1', 'Running', '1 (45s ago)', '75s'],
      ],
    );
    expect(out).toBe(
      [
        'NAME            READY   STATUS     RESTARTS      AGE',
        'myapp-pod       0/1     Init:0/2   0             6m',
        'liveness-exec   1/1     Running    1 (45s ago)   75s',
        '',
      ].join('\n'),
    );
  });

  it('gives every column at least 6 characters, padding included', () => {
    expect(renderTable(['A', 'B', 'C'], [['x', 'y', 'z']])).toBe('A     B     C\nx     y     z\n');
  });

  it('prints only the header line when there are no rows', () => {
    expect(renderTable(['NAME', 'STATUS'], [])).toBe('NAME   STATUS\n');
  });

  it('leaves no trailing spaces when the last cell is empty', () => {
    expect(renderTable(['LAST SEEN', 'MESSAGE'], [['5s', '']])).toBe('LAST SEEN   MESSAGE\n5s\n');
  });

  it('counts characters, not UTF-16 code units', () => {
    expect(renderTable(['NAME', 'X'], [['naïve-😀', 'y']])).toBe('NAME      X\nnaïve-😀   y\n');
  });

  it('aligns the wide pod columns under their upper-cased names', () => {
    const headers = tableHeaders(podColumns, true);
    expect(headers).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
    expect(renderTable(headers, [['web', '1/1', 'Running', '0', '10s', '10.244.1.5', 'node-1', NONE, NONE]])).toBe(
      [
        'NAME   READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES',
        'web    1/1     Running   0          10s   10.244.1.5   node-1   <none>           <none>',
        '',
      ].join('\n'),
    );
  });
});
