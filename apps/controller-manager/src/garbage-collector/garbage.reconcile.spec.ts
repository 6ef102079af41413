import { orphaned } from './garbage.reconcile';
import { aPodWith } from '../shared/workload.fixtures';

describe('garbage collector: background cascading deletion', () => {
  const owned = aPodWith('p', { owner: { kind: 'Job', name: 'pi', uid: 'uid-pi' } });
  it('deletes a dependent once every owner is gone', () => expect(orphaned(owned, () => false)).toBe(true));
  it('keeps a dependent whose owner still exists', () => expect(orphaned(owned, (uid) => uid === 'uid-pi')).toBe(false));
  it('never deletes an object without owners', () => expect(orphaned(aPodWith('bare'), () => false)).toBe(false));
});
