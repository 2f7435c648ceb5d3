import { ApiError } from '../errors/api-error';
import { datePage, parseDay, textPage, toPage } from './keyset-page';

describe('keyset pages', () => {
  it('hands out the last item’s sort key as the cursor, and reads it back', () => {
    const page = toPage(
      { items: [{ id: 'a', at: new Date('2026-01-02T03:04:05.000Z') }], hasMore: true, totalCount: 3 },
      (item) => item.id,
      (item) => item.at,
    );
    expect(page).toMatchObject({ items: ['a'], totalCount: 3 });
    expect(datePage({ first: 10, after: page.nextCursor })).toEqual({
      first: 10,
      after: { value: new Date('2026-01-02T03:04:05.000Z'), id: 'a' },
    });
  });

  it('has no cursor on the last page', () => {
    expect(
      toPage(
        { items: [{ id: 'a' }], hasMore: false, totalCount: 1 },
        (i) => i,
        () => 'x',
      ).nextCursor,
    ).toBeNull();
  });

  it('refuses a page size out of range and cursors of the wrong kind', () => {
    expect(() => datePage({ first: 0 })).toThrow(ApiError);
    expect(() => datePage({ first: 201 })).toThrow(ApiError);
    const textCursor = toPage(
      { items: [{ id: 'a' }], hasMore: true, totalCount: 2 },
      (i) => i,
      () => 'Name',
    ).nextCursor;
    expect(textPage({ first: 5, after: textCursor }).after).toEqual({ value: 'Name', id: 'a' });
    expect(() => datePage({ first: 5, after: textCursor })).toThrow(ApiError);
    expect(() => textPage({ first: 5, after: 'garbage' })).toThrow(ApiError);
  });

  it('reads calendar dates strictly', () => {
    expect(parseDay('2028-02-29', 'd').toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(() => parseDay('2027-02-29', 'd')).toThrow(ApiError);
    expect(() => parseDay('29/02/2028', 'd')).toThrow(ApiError);
  });
});
