import { Component } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { FakeKeycloak, type TestUser, provideTestAuth } from '../../testing/fake-keycloak';
import { AuthService } from '../core/auth/auth.service';
import { Shell } from './shell';

@Component({ template: '<p>page</p>' })
class Blank {}

async function renderShell(
  user: TestUser,
): Promise<{ fixture: ComponentFixture<Shell>; keycloak: FakeKeycloak }> {
  const keycloak = new FakeKeycloak(user);
  TestBed.configureTestingModule({
    imports: [Shell],
    providers: [provideRouter([{ path: '**', component: Blank }]), ...provideTestAuth(keycloak)],
  });
  await TestBed.inject(AuthService).init();
  const fixture = TestBed.createComponent(Shell);
  await fixture.whenStable();
  return { fixture, keycloak };
}

function text(fixture: ComponentFixture<Shell>, selector: string): string {
  const element = (fixture.nativeElement as HTMLElement).querySelector(selector);
  return element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

function navigationLabels(fixture: ComponentFixture<Shell>): string[] {
  const links = (fixture.nativeElement as HTMLElement).querySelectorAll(
    '[role="navigation"][aria-label="Main"] a [matListItemTitle]',
  );
  return Array.from(links, (link) => link.textContent?.replace(/\s+/g, ' ').trim() ?? '');
}

describe('Shell', () => {
  it('shows the brand, the user, the organisation and the roles in the toolbar', async () => {
    const { fixture } = await renderShell({
      name: 'Fiona Finance',
      org: 'kalahari-live',
      roles: ['finance', 'approver'],
    });

    expect(text(fixture, '.brand')).toContain('EventVault');
    expect(text(fixture, '[data-testid="user-name"]')).toBe('Fiona Finance');
    expect(text(fixture, '[data-testid="user-organisation"]')).toContain('kalahari-live');
    const roles = (fixture.nativeElement as HTMLElement).querySelectorAll('[data-testid="user-roles"] li');
    expect(Array.from(roles, (role) => role.textContent?.trim())).toEqual(['Finance', 'Approver']);
  });

  it('shows a finance user the finance areas only', async () => {
    const { fixture } = await renderShell({ roles: ['finance'] });
    expect(navigationLabels(fixture)).toEqual(['Home', 'Inbox', 'Events & budgets', 'Finance review']);
  });

  it('shows a supplier only the supplier portal', async () => {
    const { fixture } = await renderShell({ roles: ['supplier'], org: 'karoo-festivals' });
    expect(navigationLabels(fixture)).toEqual(['Home', 'Supplier portal']);
    expect(text(fixture, '[data-testid="user-organisation"]')).toContain('karoo-festivals');
  });

  it('signs out through Keycloak and comes back to the signed-out page', async () => {
    const { fixture, keycloak } = await renderShell({ roles: ['admin'] });
    const button = (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>(
      'button[aria-label="Sign out"]',
    );
    expect(button).not.toBeNull();
    button?.click();
    await fixture.whenStable();
    expect(keycloak.logouts).toEqual([{ redirectUri: `${location.origin}/signed-out` }]);
  });

  it('labels its landmarks for assistive technology', async () => {
    const { fixture } = await renderShell({ roles: ['finance'] });
    const root = fixture.nativeElement as HTMLElement;
    expect(root.querySelector('header mat-toolbar')).not.toBeNull();
    expect(root.querySelectorAll('[role="navigation"]')).toHaveLength(1);
    expect(root.querySelector('[role="navigation"]')?.getAttribute('aria-label')).toBe('Main');
    expect(root.querySelector('main#main-content')).not.toBeNull();
    expect(root.querySelector('a.skip-link')?.getAttribute('href')).toBe('#main-content');
  });
});
