/** One page of a keyset-paginated list: `first` rows after the sort key `after` (exclusive). */
export interface PageRequest<Key> {
  readonly first: number;
  readonly after: Key | null;
}

export interface KeysetPage<T> {
  readonly items: T[];
  /** Whether rows follow the last item (the API then hands out a cursor). */
  readonly hasMore: boolean;
  readonly totalCount: number;
}

/** Repositories ask for one row more than the page holds: its presence says another page follows. */
export function pageOf<T>(rows: T[], first: number, totalCount: number): KeysetPage<T> {
  return { items: rows.slice(0, first), hasMore: rows.length > first, totalCount };
}

/** Prisma's `where` for "after (value, id)" in ascending order of value, then id. */
export function afterKey<V>(field: string, key: { value: V; id: string } | null): Record<string, unknown> {
  if (key === null) return {};
  return { OR: [{ [field]: { gt: key.value } }, { [field]: key.value, id: { gt: key.id } }] };
}

/** The same in descending order (newest first). */
export function beforeKey<V>(field: string, key: { value: V; id: string } | null): Record<string, unknown> {
  if (key === null) return {};
  return { OR: [{ [field]: { lt: key.value } }, { [field]: key.value, id: { lt: key.id } }] };
}
