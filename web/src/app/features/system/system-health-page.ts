import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { Subscription } from 'rxjs';

import { RUNTIME_CONFIG } from '../../core/config/runtime-config';
import { type HealthReport, HealthService } from './health.service';

type HealthState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly report: HealthReport; readonly refreshing: boolean }
  | { readonly kind: 'failed'; readonly message: string };

const dependencyDescriptions: Readonly<Record<string, string>> = {
  database: 'PostgreSQL: organisations, budgets, invoices, journal and audit log',
  temporal: 'Temporal: durable workflows for intake, approvals, reconciliation and close',
  s3: 'Object storage: invoices, quotes, contracts and reports',
  keycloak: 'Keycloak: sign-in and roles',
};

@Component({
  selector: 'app-system-health-page',
  imports: [DatePipe, MatButtonModule, MatCardModule, MatIconModule, MatProgressBarModule],
  templateUrl: './system-health-page.html',
  styleUrl: './system-health-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SystemHealthPage {
  private readonly health = inject(HealthService);
  private subscription: Subscription | undefined;

  protected readonly apiUrl = inject(RUNTIME_CONFIG).apiUrl;
  protected readonly state = signal<HealthState>({ kind: 'loading' });
  protected readonly report = computed(() => {
    const state = this.state();
    return state.kind === 'loaded' ? state.report : null;
  });
  protected readonly failure = computed(() => {
    const state = this.state();
    return state.kind === 'failed' ? state.message : null;
  });
  protected readonly busy = computed(() => {
    const state = this.state();
    return state.kind === 'loading' || (state.kind === 'loaded' && state.refreshing);
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.subscription?.unsubscribe());
    this.refresh();
  }

  protected refresh(): void {
    const current = this.state();
    this.state.set(current.kind === 'loaded' ? { ...current, refreshing: true } : { kind: 'loading' });
    this.subscription?.unsubscribe();
    this.subscription = this.health.check().subscribe({
      next: (report) => this.state.set({ kind: 'loaded', report, refreshing: false }),
      error: (error: unknown) =>
        this.state.set({
          kind: 'failed',
          message: error instanceof Error ? error.message : 'The health check failed.',
        }),
    });
  }

  protected describe(name: string): string | null {
    return dependencyDescriptions[name] ?? null;
  }
}
