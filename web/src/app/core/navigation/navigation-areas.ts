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
  /** What the area will offer, shown until it is built. */
  readonly upcoming: readonly string[];
}

/** The app's areas in navigation order; routes and the side navigation both read their roles from here. */
export const navigationAreas: readonly NavigationArea[] = [
  {
    path: 'home',
    label: 'Home',
    icon: 'monitor_heart',
    summary: 'System status of EventVault and the services it depends on.',
    roles: 'everyone',
    upcoming: [],
  },
  {
    path: 'inbox',
    label: 'Inbox',
    icon: 'inbox',
    summary: 'Tasks waiting for you: approvals, extraction reviews and reconciliation differences.',
    roles: ['approver', 'finance', 'event_manager', 'admin'],
    upcoming: [
      'Approve, reject or request changes on invoices, quotes, budgets and payments',
      'Delegation and out-of-office',
      'Step-up sign-in before approving large amounts',
    ],
  },
  {
    path: 'supplier-portal',
    label: 'Supplier portal',
    icon: 'storefront',
    summary: 'Submit quotes and invoices and follow them until they are paid.',
    roles: ['supplier'],
    upcoming: [
      'Upload invoices as PDF or image',
      'Track review, approval and payment status',
      'Answer questions',
    ],
  },
  {
    path: 'events',
    label: 'Events & budgets',
    icon: 'event',
    summary: 'Events, their budget lines, versions and re-forecasts.',
    roles: ['event_manager', 'finance', 'approver', 'auditor', 'admin'],
    upcoming: ['Create events from templates', 'Budget lines by category', 'Budget versions and approval'],
  },
  {
    path: 'finance-review',
    label: 'Finance review',
    icon: 'fact_check',
    summary: 'Extraction review, Howler reconciliation and year-end close.',
    roles: ['finance', 'auditor', 'admin'],
    upcoming: ['Review OCR extractions', 'Reconcile Howler settlements', 'Close the fiscal year'],
  },
  {
    path: 'admin',
    label: 'Admin',
    icon: 'admin_panel_settings',
    summary: 'Organisations, users, approval policies and workflow history.',
    roles: ['admin'],
    upcoming: ['Approval policies and thresholds', 'Users and roles', 'Workflow history'],
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
