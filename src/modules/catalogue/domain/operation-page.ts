import { type CatalogueQuery, encodeCursor } from './catalogue-query';
import { type OperationRow, type PublishedOperation, toPublishedOperation } from './published-operation';

export interface OperationPage {
  items: PublishedOperation[];
  /** Opaque keyset cursor of the next page; null on the last page. */
  nextCursor: string | null;
}

/** A page from the `limit + 1` rows the SQL returns: the extra row only says that another page follows. */
export function toOperationPage(rows: readonly OperationRow[], query: Pick<CatalogueQuery, 'limit' | 'sort'>): OperationPage {
  const items = rows.slice(0, query.limit).map(toPublishedOperation);
  const last = items.at(-1);
  if (rows.length <= query.limit || !last) return { items, nextCursor: null };
  const cursor =
    query.sort === 'recent'
      ? encodeCursor({ sort: 'recent', number: last.code })
      : query.sort === 'title'
        ? encodeCursor({ sort: 'title', title: rows[query.limit - 1]?.title ?? '', number: last.code })
        : encodeCursor({ sort: 'amount', euCents: last.euAmountCents, number: last.code });
  return { items, nextCursor: cursor };
}
