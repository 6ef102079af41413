import { serverDryRun } from './dry-run';

describe('server-side dry run (?dryRun=All)', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('%s with dryRun=All is a dry run', (method) => {
    expect(serverDryRun(method, 'All')).toBe(true);
    expect(serverDryRun(method, ['All'])).toBe(true);
  });

  it('a value other than All → 400 naming it, as kube-apiserver', () => {
    expect(() => serverDryRun('POST', 'Maybe')).toThrow('Invalid dry run value "Maybe": valid values are "All"');
  });

  it.each([
    ['GET', 'All'],
    ['POST', undefined],
    ['POST', ''],
  ])('%s with dryRun=%s is not one', (method, dryRun) => {
    expect(serverDryRun(method, dryRun)).toBe(false);
  });
});
