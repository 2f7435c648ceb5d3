import { type Provider, signal } from '@angular/core';
import { Subject } from 'rxjs';

import { LiveUpdates, type LiveStatus } from '../app/core/api/live-updates';

/** Stands in for the WebSocket: a spec pushes task changes itself, and nothing connects anywhere. */
export class FakeLiveUpdates {
  readonly pushes = new Subject<unknown>();
  readonly status = signal<LiveStatus>('connected');
  subscribe(): Subject<unknown> {
    return this.pushes;
  }
}

export function provideFakeLiveUpdates(live = new FakeLiveUpdates()): Provider {
  return { provide: LiveUpdates, useValue: live };
}
