import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { PageArgs, PageType } from '../graphql/pagination';

@ObjectType('Event', { description: 'A festival, conference or concert whose money EventVault runs.' })
export class EventModel {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  venue!: string | null;

  @Field(() => String, { description: 'First day, YYYY-MM-DD.' })
  startsOn!: string;

  @Field(() => String, { description: 'Last day, YYYY-MM-DD.' })
  endsOn!: string;

  @Field(() => String, { description: 'planning, confirmed, live, closed or cancelled.' })
  status!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Events of one recurring festival share it (year over year).',
  })
  seriesKey!: string | null;

  @Field(() => ID, { nullable: true })
  templateId!: string | null;
}

@ObjectType('EventTemplate', { description: 'What a new event starts from.' })
export class EventTemplateModel {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;
}

export const EventPage = PageType(EventModel, 'Event');
export const EventTemplatePage = PageType(EventTemplateModel, 'EventTemplate');

@ArgsType()
export class EventsArgs extends PageArgs {
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Field(() => String, { nullable: true })
  status?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Field(() => String, { nullable: true })
  seriesKey?: string | null;
}

@InputType('CreateEventFromTemplateInput')
export class CreateEventFromTemplateInput {
  @IsString()
  @MaxLength(200)
  @Field(() => ID)
  templateId!: string;

  @IsString()
  @MaxLength(2000)
  @Field(() => String)
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Field(() => String, { nullable: true })
  venue?: string | null;

  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date, YYYY-MM-DD' })
  @Field(() => String, { description: 'YYYY-MM-DD.' })
  startsOn!: string;

  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date, YYYY-MM-DD' })
  @Field(() => String, { description: 'YYYY-MM-DD.' })
  endsOn!: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Field(() => String, {
    nullable: true,
    description: 'Defaults to the series of the newest event made from the template.',
  })
  seriesKey?: string | null;
}
