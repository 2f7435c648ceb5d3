import { Injectable } from '@nestjs/common';
import { EventInputError, type EventRecord, EventRepository } from '@eventvault/activities';
import { type Principal } from '../auth/principal';
import { DatabaseClient } from '../clients/database-client';
import { CallerDirectory } from '../directory/caller-directory';
import { ApiError, ApiErrorCode } from '../errors/api-error';
import { requireId } from '../graphql/ids';
import { datePage, isoDay, parseDay, textPage, toPage } from '../graphql/keyset-page';
import { type PageArgs, type PageOf } from '../graphql/pagination';
import {
  type CreateEventFromTemplateInput,
  type EventModel,
  type EventsArgs,
  type EventTemplateModel,
} from './event.model';

/** Approvers see the events they are a stakeholder of; everyone else allowed here sees all of the organisation's. */
function seesOnlyOwnEvents(principal: Principal): boolean {
  return !principal.roles.some((role) => ['admin', 'finance', 'auditor', 'event_manager'].includes(role));
}

const NOBODY = '00000000-0000-0000-0000-000000000000';

export function toEventModel(event: EventRecord): EventModel {
  return {
    id: event.id,
    name: event.name,
    venue: event.venue,
    startsOn: isoDay(event.startsOn),
    endsOn: isoDay(event.endsOn),
    status: event.status,
    seriesKey: event.seriesKey,
    templateId: event.templateId,
  };
}

@Injectable()
export class EventsService {
  constructor(
    private readonly database: DatabaseClient,
    private readonly callers: CallerDirectory,
  ) {}

  private async repository(principal: Principal) {
    const caller = await this.callers.resolve(principal);
    return { caller, events: new EventRepository(this.database.db, caller.organisationId) };
  }

  async list(principal: Principal, args: EventsArgs): Promise<PageOf<EventModel>> {
    const { caller, events } = await this.repository(principal);
    const stakeholderId = seesOnlyOwnEvents(principal) ? (caller.userId ?? NOBODY) : null;
    const page = await events.page(
      { status: args.status, seriesKey: args.seriesKey, stakeholderId },
      datePage(args),
    );
    return toPage(page, toEventModel, (e) => e.startsOn);
  }

  async one(principal: Principal, id: string): Promise<EventModel> {
    const { caller, events } = await this.repository(principal);
    const event = await events.findById(requireId(id, 'id'));
    const visible =
      event !== null &&
      (!seesOnlyOwnEvents(principal) ||
        (caller.userId !== null && (await events.stakeholderEventIds(caller.userId)).includes(id)));
    if (!event || !visible)
      throw new ApiError(ApiErrorCode.NOT_FOUND, `Your organisation has no event ${id}`);
    return toEventModel(event);
  }

  async templates(principal: Principal, args: PageArgs): Promise<PageOf<EventTemplateModel>> {
    const { events } = await this.repository(principal);
    return toPage(
      await events.templates(textPage(args)),
      (t) => ({ ...t }),
      (t) => t.name,
    );
  }

  async createFromTemplate(principal: Principal, input: CreateEventFromTemplateInput): Promise<EventModel> {
    const { caller, events } = await this.repository(principal);
    try {
      const event = await events.createFromTemplate(
        {
          templateId: requireId(input.templateId, 'templateId'),
          name: input.name,
          venue: input.venue ?? null,
          startsOn: parseDay(input.startsOn, 'startsOn'),
          endsOn: parseDay(input.endsOn, 'endsOn'),
          seriesKey: input.seriesKey ?? null,
        },
        caller.userId,
      );
      return toEventModel(event);
    } catch (error) {
      if (error instanceof EventInputError) {
        throw new ApiError(
          error.reason === 'not-found' ? ApiErrorCode.NOT_FOUND : ApiErrorCode.VALIDATION,
          error.message,
        );
      }
      throw error;
    }
  }
}
