import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'app-forbidden-page',
  imports: [MatButtonModule, MatIconModule, RouterLink],
  template: `
    <section class="page" aria-labelledby="forbidden-heading">
      <mat-icon class="page-icon" aria-hidden="true">block</mat-icon>
      <h1 id="forbidden-heading">This area is not part of your roles</h1>
      <p class="subtitle">Ask an EventVault admin of your organisation if you need access.</p>
      <a mat-stroked-button routerLink="/home">Back to Home</a>
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForbiddenPage {}

@Component({
  selector: 'app-not-found-page',
  imports: [MatButtonModule, MatIconModule, RouterLink],
  template: `
    <section class="page" aria-labelledby="not-found-heading">
      <mat-icon class="page-icon" aria-hidden="true">search_off</mat-icon>
      <h1 id="not-found-heading">Page not found</h1>
      <p class="subtitle">The address may be mistyped, or the page has moved.</p>
      <a mat-stroked-button routerLink="/home">Back to Home</a>
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFoundPage {}
