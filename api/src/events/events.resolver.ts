import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { PageArgs, type PageOf } from '../graphql/pagination';
import {
  CreateEventFromTemplateInput,
  EventModel,
  EventPage,
  EventsArgs,
  EventTemplateModel,
  EventTemplatePage,
} from './event.model';
import { EventsService } from './events.service';

@Resolver(() => EventModel)
export class EventsResolver {
  constructor(private readonly service: EventsService) {}

  @Query(() => EventPage, { description: 'The organisation’s events by start date (approvers: their own).' })
  @Roles('admin', 'finance', 'event_manager', 'approver', 'auditor')
  events(@CurrentPrincipal() principal: Principal, @Args() args: EventsArgs): Promise<PageOf<EventModel>> {
    return this.service.list(principal, args);
  }

  @Query(() => EventModel)
  @Roles('admin', 'finance', 'event_manager', 'approver', 'auditor')
  event(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<EventModel> {
    return this.service.one(principal, id);
  }

  @Query(() => EventTemplatePage)
  @Roles('admin', 'finance', 'event_manager')
  eventTemplates(
    @CurrentPrincipal() principal: Principal,
    @Args() args: PageArgs,
  ): Promise<PageOf<EventTemplateModel>> {
    return this.service.templates(principal, args);
  }

  @Mutation(() => EventModel, {
    description: 'A new event in planning, with a draft budget copied from the template’s newest event.',
  })
  @Roles('admin', 'finance', 'event_manager')
  createEventFromTemplate(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: CreateEventFromTemplateInput,
  ): Promise<EventModel> {
    return this.service.createFromTemplate(principal, input);
  }
}
