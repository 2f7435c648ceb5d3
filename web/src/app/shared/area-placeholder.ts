import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';

import { RUNTIME_CONFIG } from '../core/config/runtime-config';
import { type AreaPath, areaByPath } from '../core/navigation/navigation-areas';

/** Stands in for an area that is not built yet, saying what it will hold. */
@Component({
  selector: 'app-area-placeholder',
  imports: [MatCardModule, MatIconModule],
  template: `
    <section class="page" [attr.aria-labelledby]="'area-heading-' + details().path">
      <header class="page-header">
        <div>
          <h1 [id]="'area-heading-' + details().path">{{ details().label }}</h1>
          <p class="subtitle">{{ details().summary }}</p>
        </div>
      </header>
      <mat-card appearance="outlined">
        <mat-card-header>
          <mat-icon mat-card-avatar class="area-icon" aria-hidden="true">{{ details().icon }}</mat-icon>
          <mat-card-title>Coming next</mat-card-title>
          <mat-card-subtitle>This area is being built.</mat-card-subtitle>
        </mat-card-header>
        <mat-card-content>
          <ul>
            @for (item of details().upcoming; track item) {
              <li>{{ item }}</li>
            }
          </ul>
          @if (details().path === 'admin') {
            <p>
              Workflow histories are in the
              <a [href]="temporalUiUrl" target="_blank" rel="noopener">Temporal UI</a>.
            </p>
          }
        </mat-card-content>
      </mat-card>
    </section>
  `,
  styles: `
    .area-icon {
      display: grid;
      place-items: center;
      border-radius: 50%;
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AreaPlaceholder {
  /** Route data. */
  readonly area = input.required<AreaPath>();

  protected readonly temporalUiUrl = inject(RUNTIME_CONFIG).temporalUiUrl;
  protected readonly details = computed(() => areaByPath(this.area()));
}
