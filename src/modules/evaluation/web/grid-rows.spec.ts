import fc from 'fast-check';
import { applyRowAction, parseRowAction } from './grid-rows';

describe('grid editor row actions', () => {
  it('reads the button values, anything else saves', () => {
    expect(parseRowAction('ajouter')).toEqual({ kind: 'add' });
    expect(parseRowAction('monter_2')).toEqual({ kind: 'up', index: 2 });
    expect(parseRowAction('descendre_0')).toEqual({ kind: 'down', index: 0 });
    expect(parseRowAction('supprimer_11')).toEqual({ kind: 'remove', index: 11 });
    expect(parseRowAction('enregistrer')).toEqual({ kind: 'save' });
    expect(parseRowAction('monter_x')).toEqual({ kind: 'save' });
  });

  it('moves and removes rows', () => {
    expect(applyRowAction(['a', 'b', 'c'], { kind: 'up', index: 2 })).toEqual(['a', 'c', 'b']);
    expect(applyRowAction(['a', 'b', 'c'], { kind: 'down', index: 0 })).toEqual(['b', 'a', 'c']);
    expect(applyRowAction(['a', 'b', 'c'], { kind: 'up', index: 0 })).toEqual(['a', 'b', 'c']);
    expect(applyRowAction(['a', 'b', 'c'], { kind: 'down', index: 2 })).toEqual(['a', 'b', 'c']);
    expect(applyRowAction(['a', 'b', 'c'], { kind: 'remove', index: 1 })).toEqual(['a', 'c']);
  });

  it('a move keeps the same rows, and moving down then up comes back', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 12 }), fc.nat(15), (rows, index) => {
        const down = applyRowAction(rows, { kind: 'down', index });
        expect([...down].sort()).toEqual([...rows].sort());
        if (index < rows.length - 1) expect(applyRowAction(down, { kind: 'up', index: index + 1 })).toEqual(rows);
      }),
    );
  });
});
