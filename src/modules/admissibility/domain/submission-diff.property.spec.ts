import fc from 'fast-check';
import { diffSnapshots } from './submission-diff';

const line = fc.record({ category: fc.constantFrom('STAFF', 'OTHER_DIRECT'), label: fc.string({ maxLength: 8 }), amountCents: fc.nat(10_000_000) });
const doc = fc.record({ id: fc.constantFrom('d1', 'd2', 'd3'), documentType: fc.constantFrom('STATUTS', 'RIB'), sha256: fc.constantFrom('aa', 'bb') });
const snapshot = fc.record({
  project: fc.record({ title: fc.option(fc.string({ maxLength: 10 })), targetPublics: fc.array(fc.constantFrom('A', 'B'), { maxLength: 2 }) }),
  financingPlan: fc.record({ lines: fc.array(line, { maxLength: 4 }) }),
  documents: fc.uniqueArray(doc, { selector: (d) => d.id, maxLength: 3 }),
});

describe('diffSnapshots (properties)', () => {
  it('finds nothing between a snapshot and a copy of itself', () => {
    fc.assert(fc.property(snapshot, (s) => diffSnapshots(s, JSON.parse(JSON.stringify(s))).length === 0));
  });

  it('is empty exactly when the two snapshots hold the same content', () => {
    fc.assert(
      fc.property(snapshot, snapshot, (a, b) => {
        const same = JSON.stringify(a) === JSON.stringify(b);
        const changes = diffSnapshots(a, b);
        // Documents are matched by id, so a reordering alone is not a change; everything else is compared in place.
        const sameIgnoringOrder =
          same ||
          (JSON.stringify({ ...a, documents: [] }) === JSON.stringify({ ...b, documents: [] }) &&
            a.documents.length === b.documents.length &&
            a.documents.every((d) => b.documents.some((e) => JSON.stringify(e) === JSON.stringify(d))));
        return (changes.length === 0) === sameIgnoringOrder;
      }),
    );
  });

  it('swaps before and after when the arguments are swapped', () => {
    fc.assert(
      fc.property(snapshot, snapshot, (a, b) => {
        const forward = diffSnapshots(a, b)
          .map((c) => JSON.stringify([c.path, c.before, c.after]))
          .sort();
        const backward = diffSnapshots(b, a)
          .map((c) => JSON.stringify([c.path, c.after, c.before]))
          .sort();
        return JSON.stringify(forward) === JSON.stringify(backward);
      }),
    );
  });
});
