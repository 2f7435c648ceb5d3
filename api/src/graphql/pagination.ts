import { type Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, Max, Min } from 'class-validator';
import { ApiError, ApiErrorCode } from '../errors/api-error';

/** Keyset pagination for every list: `first` items after the opaque `after` cursor. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 50, description: 'How many items, 1 to 200.' })
  @Min(1)
  @Max(200)
  first: number = 50;

  @Field(() => String, { nullable: true, description: 'The `nextCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  after?: string | null;
}

export interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
  totalCount: number;
}

/** A page type for `itemType`, named `${name}Page` in the schema. */
export function PageType<T>(itemType: Type<T>, name: string): Type<PageOf<T>> {
  @ObjectType(`${name}Page`)
  class Page implements PageOf<T> {
    @Field(() => [itemType])
    items!: T[];

    @Field(() => String, {
      nullable: true,
      description: 'Pass as `after` for the next page; null on the last page.',
    })
    nextCursor!: string | null;

    @Field(() => Int, { description: 'How many items match, over all pages.' })
    totalCount!: number;
  }
  return Page;
}

/** Opaque cursors: base64url of a JSON array of the sort key values of the last item. */
export function encodeCursor(values: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string): (string | number | null)[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.every((v) => v === null || ['string', 'number'].includes(typeof v))) {
      return values as (string | number | null)[];
    }
  } catch {
    // falls through to the error below
  }
  throw new ApiError(
    ApiErrorCode.VALIDATION,
    'Invalid cursor: pass the nextCursor of the previous page unchanged',
    {
      field: 'after',
    },
  );
}
