import { type KeysetPage, type PageRequest } from '@eventvault/activities';
import { ApiError, ApiErrorCode } from '../errors/api-error';
import { decodeCursor, encodeCursor, type PageArgs, type PageOf } from './pagination';

const MAX_PAGE = 200;

function checkedFirst(first: number | undefined): number {
  const value = first ?? 50;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE) {
    throw new ApiError(ApiErrorCode.VALIDATION, `first must be 1 to ${MAX_PAGE}`, { field: 'first' });
  }
  return value;
}

function invalidCursor(): ApiError {
  return new ApiError(
    ApiErrorCode.VALIDATION,
    'Invalid cursor: pass the nextCursor of the previous page unchanged',
    {
      field: 'after',
    },
  );
}

/** A page request keyed by a timestamp or calendar date and the row id. */
export function datePage(args: PageArgs): PageRequest<{ value: Date; id: string }> {
  const first = checkedFirst(args.first);
  if (!args.after) return { first, after: null };
  const [value, id] = decodeCursor(args.after);
  const date = typeof value === 'string' ? new Date(value) : null;
  if (date === null || Number.isNaN(date.getTime()) || typeof id !== 'string') throw invalidCursor();
  return { first, after: { value: date, id } };
}

/** A page request keyed by a text column (a name) and the row id. */
export function textPage(args: PageArgs): PageRequest<{ value: string; id: string }> {
  const first = checkedFirst(args.first);
  if (!args.after) return { first, after: null };
  const [value, id] = decodeCursor(args.after);
  if (typeof value !== 'string' || typeof id !== 'string') throw invalidCursor();
  return { first, after: { value, id } };
}

/** The GraphQL page of a repository page; the cursor is the sort key of its last item. */
export function toPage<T extends { id: string }, R>(
  page: KeysetPage<T>,
  map: (item: T) => R,
  keyOf: (item: T) => string | Date,
): PageOf<R> {
  const last = page.items[page.items.length - 1];
  const key = last === undefined ? null : keyOf(last);
  return {
    items: page.items.map(map),
    totalCount: page.totalCount,
    nextCursor:
      page.hasMore && last !== undefined && key !== null
        ? encodeCursor([key instanceof Date ? key.toISOString() : key, last.id])
        : null,
  };
}

/** A calendar date column as "YYYY-MM-DD". */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A "YYYY-MM-DD" argument as the UTC midnight Prisma writes to a date column. */
export function parseDay(value: string, field: string): Date {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00.000Z`) : null;
  if (date === null || Number.isNaN(date.getTime()) || isoDay(date) !== value) {
    throw new ApiError(ApiErrorCode.VALIDATION, `${field} must be a calendar date YYYY-MM-DD`, { field });
  }
  return date;
}
