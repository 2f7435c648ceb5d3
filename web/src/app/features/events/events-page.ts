import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';

import { ApiProblem } from '../../core/api/api-problem';
import type { EventsQuery } from '../../core/api/generated/graphql';
import { GraphqlClient, problemFromHttpError } from '../../core/api/graphql-client';
import { AuthService } from '../../core/auth/auth.service';
import { shortDate } from '../inbox/task-labels';
import { createEventMutation, eventsQuery } from './events.graphql';

type EventRow = EventsQuery['events']['items'][number];
type Template = EventsQuery['eventTemplates']['items'][number];

const plannerRoles = new Set(['event_manager', 'finance', 'admin']);

/** Every event of the organisation, and a new one from a template (its budget copied from the template's last event). */
@Component({
  selector: 'ev-events-page',
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './events-page.html',
  styleUrl: './events-page.scss',
})
export class EventsPage {
  private readonly api = inject(GraphqlClient);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthService);

  protected readonly events = signal<readonly EventRow[]>([]);
  protected readonly templates = signal<readonly Template[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly problem = signal<ApiProblem | null>(null);
  protected readonly creating = signal(false);
  protected readonly createProblem = signal<ApiProblem | null>(null);
  protected readonly canPlan = () => (this.auth.user()?.roles ?? []).some((role) => plannerRoles.has(role));
  protected readonly shortDate = shortDate;
  protected draft = { templateId: '', name: '', startsOn: '', endsOn: '', venue: '' };

  constructor() {
    void this.load(null);
  }

  protected async load(after: string | null): Promise<void> {
    this.loading.set(true);
    try {
      const result = await this.api.request(eventsQuery, { first: 50, after });
      this.events.update((events) =>
        after === null ? result.events.items : [...events, ...result.events.items],
      );
      this.nextCursor.set(result.events.nextCursor ?? null);
      this.templates.set(result.eventTemplates.items);
      this.problem.set(null);
    } catch (error) {
      this.problem.set(problemFromHttpError(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected async create(): Promise<void> {
    const { templateId, name, startsOn, endsOn, venue } = this.draft;
    if (templateId === '' || name.trim() === '' || startsOn === '' || endsOn === '') {
      this.createProblem.set(
        new ApiProblem('VALIDATION', 'Choose a template, and give a name and both dates.'),
      );
      return;
    }
    if (endsOn < startsOn) {
      this.createProblem.set(
        new ApiProblem('VALIDATION', 'The last day cannot be before the first.', { field: 'endsOn' }),
      );
      return;
    }
    this.creating.set(true);
    this.createProblem.set(null);
    try {
      const result = await this.api.request(createEventMutation, {
        input: {
          templateId,
          name: name.trim(),
          startsOn,
          endsOn,
          ...(venue.trim() === '' ? {} : { venue: venue.trim() }),
        },
      });
      await this.router.navigate(['/events', result.createEventFromTemplate.id]);
    } catch (error) {
      this.createProblem.set(problemFromHttpError(error));
    } finally {
      this.creating.set(false);
    }
  }
}
