import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { FakeKeycloak, provideTestAuth } from '../../../testing/fake-keycloak';
import { AuthService } from '../../core/auth/auth.service';
import { SessionPage } from './session-page';

async function render(
  keycloak: FakeKeycloak,
  inputs: { reason?: string; returnUrl?: string } = {},
): Promise<ComponentFixture<SessionPage>> {
  TestBed.configureTestingModule({
    imports: [SessionPage],
    providers: [provideRouter([]), ...provideTestAuth(keycloak)],
  });
  await TestBed.inject(AuthService).init();
  const fixture = TestBed.createComponent(SessionPage);
  if (inputs.reason !== undefined) fixture.componentRef.setInput('reason', inputs.reason);
  if (inputs.returnUrl !== undefined) fixture.componentRef.setInput('returnUrl', inputs.returnUrl);
  await fixture.whenStable();
  return fixture;
}

function heading(fixture: ComponentFixture<SessionPage>): string {
  return (fixture.nativeElement as HTMLElement).querySelector('h1')?.textContent?.trim() ?? '';
}

describe('SessionPage', () => {
  it('signs in on a click, back to a path inside the app only', async () => {
    const keycloak = new FakeKeycloak();
    keycloak.initResult = 'unauthenticated';
    const fixture = await render(keycloak, { returnUrl: '//evil.example/steal' });

    expect(heading(fixture)).toBe('Sign in to EventVault');
    expect(keycloak.logins).toHaveLength(0);
    (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('button')?.click();
    await fixture.whenStable();
    expect(keycloak.logins).toEqual([{ redirectUri: `${location.origin}/home` }]);
  });

  it('confirms a sign-out', async () => {
    const keycloak = new FakeKeycloak();
    keycloak.initResult = 'unauthenticated';
    expect(heading(await render(keycloak, { reason: 'signed-out' }))).toBe('You have signed out');
  });

  it('explains an unreachable Keycloak and offers to try again', async () => {
    const keycloak = new FakeKeycloak();
    keycloak.initResult = new Error('Timeout when waiting for 3rd party check iframe message.');
    const fixture = await render(keycloak);

    expect(heading(fixture)).toBe('Sign-in is not available right now');
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Timeout');
    expect((fixture.nativeElement as HTMLElement).querySelector('button')?.textContent).toContain(
      'Try again',
    );
  });
});
