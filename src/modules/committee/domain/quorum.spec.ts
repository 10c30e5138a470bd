import { DomainError } from '../../../common/errors/domain-error';
import { assertQuorum, countQuorum } from './quorum';

const members = [
  { userId: 'a', present: true },
  { userId: 'b', present: true },
  { userId: 'c', present: true },
  { userId: 'd', present: false },
];

describe('committee quorum', () => {
  it('counts present members against the quorum', () => {
    expect(countQuorum(members, 3)).toEqual({ present: 3, recusedPresent: 0, voting: 3, required: 3, reached: true });
    expect(countQuorum(members, 4).reached).toBe(false);
  });

  it('does not count a present member recused on the item, nor mind an absent one', () => {
    expect(countQuorum(members, 3, ['a'])).toEqual({ present: 3, recusedPresent: 1, voting: 2, required: 3, reached: false });
    expect(countQuorum(members, 3, ['d'])).toEqual({ present: 3, recusedPresent: 0, voting: 3, required: 3, reached: true });
  });

  it('explains what is missing', () => {
    try {
      assertQuorum(countQuorum(members, 3, ['a']), 'item');
      throw new Error('expected a DomainError');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      const err = e as DomainError;
      expect(err.code).toBe('QUORUM_NOT_REACHED');
      expect(err.message).toBe(
        'Quorum non atteint pour délibérer sur ce dossier : 2 membre(s) délibérant(s) sur 3 requis (3 présent(s), dont 1 déporté(s) sur ce dossier) ; il en manque 1.',
      );
      expect(err.details).toEqual({ scope: 'item', present: 3, recusedPresent: 1, voting: 2, required: 3 });
    }
    expect(() => assertQuorum(countQuorum(members, 3), 'session')).not.toThrow();
  });
});
