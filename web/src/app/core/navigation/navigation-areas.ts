import type { EventVaultRole } from '../auth/user-profile';

export type AreaPath = 'home' | 'inbox' | 'supplier-portal' | 'events' | 'finance-review' | 'admin';

export interface NavigationArea {
  readonly path: AreaPath;
  readonly label: string;
  /** Material icon ligature. */
  readonly icon: string;
  readonly summary: string;
  /** Who sees the area; `everyone` means every signed-in user. */
  readonly roles: readonly EventVaultRole[] | 'everyone';
}

/** The app's areas in navigation order; routes and the side navigation both read their roles from here. */
export const navigationAreas: readonly NavigationArea[] = [
  {
    path: 'home',
    label: 'Home',
    icon: 'monitor_heart',
    summary: 'System status of EventVault and the services it depends on.',
    roles: 'everyone',
  },
  {
    path: 'inbox',
    label: 'Inbox',
    icon: 'inbox',
    summary: 'Tasks waiting for you: approvals, extraction reviews and reconciliation differences.',
    roles: ['approver', 'finance', 'event_manager', 'admin'],
  },
  {
    path: 'supplier-portal',
    label: 'Supplier portal',
    icon: 'storefront',
    summary: 'Submit quotes and invoices and follow them until they are paid.',
    roles: ['supplier'],
  },
  {
    path: 'events',
    label: 'Events & budgets',
    icon: 'event',
    summary: 'Events, their budget lines, versions and re-forecasts.',
    roles: ['event_manager', 'finance', 'approver', 'auditor', 'admin'],
  },
  {
    path: 'finance-review',
    label: 'Finance review',
    icon: 'fact_check',
    summary:
      'Invoices to review: fields read from the document to correct, failed checks and likely duplicates.',
    // Reviews are tasks in the inbox, so the roles that review them and have an inbox.
    roles: ['finance', 'admin'],
  },
  {
    path: 'admin',
    label: 'Admin',
    icon: 'admin_panel_settings',
    summary: 'Organisations, users, approval policies and workflow history.',
    roles: ['admin'],
  },
];

export function areaByPath(path: AreaPath): NavigationArea {
  const area = navigationAreas.find((candidate) => candidate.path === path);
  if (area === undefined) throw new Error(`Unknown area ${path}`);
  return area;
}

export function canEnterArea(area: NavigationArea, roles: readonly EventVaultRole[]): boolean {
  return area.roles === 'everyone' || area.roles.some((role) => roles.includes(role));
}

export function areasFor(roles: readonly EventVaultRole[]): readonly NavigationArea[] {
  return navigationAreas.filter((area) => canEnterArea(area, roles));
}
