import { MemoryStorage } from '../../../testing/fake-keycloak';
import { AUTOMATIC_REDIRECT_INTERVAL_MS, SignInRedirects } from './sign-in-redirects';

describe('SignInRedirects', () => {
  it('allows one automatic redirect per interval, shared across reloads through storage', () => {
    let now = 1_000_000;
    const storage = new MemoryStorage();
    expect(new SignInRedirects(storage, () => now).tryAutomaticRedirect()).toBe(true);
    now += 5_000;
    // A fresh instance stands for the reloaded page after Keycloak sent the browser back.
    expect(new SignInRedirects(storage, () => now).tryAutomaticRedirect()).toBe(false);
    now += AUTOMATIC_REDIRECT_INTERVAL_MS;
    expect(new SignInRedirects(storage, () => now).tryAutomaticRedirect()).toBe(true);
  });

  it('never redirects by itself without storage', () => {
    expect(new SignInRedirects(null).tryAutomaticRedirect()).toBe(false);
  });
});
