/**
 * What a status endpoint polled by `templates/views/static/live-status.js` answers: the items of a page region
 * (generated documents, exports) as the page shows them, and whether they are all final (ready or failed), at which
 * point the script stops polling. Authorised like the page the region belongs to.
 */
export interface LiveStatus<T> {
  final: boolean;
  items: T[];
}

export function liveStatus<T extends { status: string }>(items: T[]): LiveStatus<T> {
  return { final: items.every((i) => i.status !== 'PENDING'), items };
}
