import { refuseServerDryRun } from './dry-run';

describe('server-side dry run', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('%s with dryRun=All → 400 saying nothing was changed', (method) => {
    expect(() => refuseServerDryRun(method, 'All')).toThrow(
      expect.objectContaining({ status: expect.objectContaining({ code: 400, message: 'kubesim does not support server-side dry run (dryRun=All); nothing was changed — use --dry-run=client' }) }),
    );
  });

  it('a value other than All → 400 naming it', () => {
    expect(() => refuseServerDryRun('POST', 'Maybe')).toThrow('Invalid dry run value "Maybe"');
  });

  it.each([
    ['GET', 'All'],
    ['POST', undefined],
    ['POST', ''],
  ])('%s with dryRun=%s goes through', (method, dryRun) => {
    expect(() => refuseServerDryRun(method, dryRun)).not.toThrow();
  });
});
