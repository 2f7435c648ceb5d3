import { bootstrapApplication } from '@angular/platform-browser';

import { App } from './app/app';
import { createAppConfig } from './app/app.config';
import { loadRuntimeConfig } from './app/core/config/runtime-config';

/** Without /config.json the app cannot know where Keycloak and the API are: say so plainly. */
function showStartupFailure(error: unknown): void {
  const detail = error instanceof Error ? error.message : String(error);
  const message = document.createElement('div');
  message.className = 'startup-failure';
  message.setAttribute('role', 'alert');
  const title = document.createElement('h1');
  title.textContent = 'EventVault could not start';
  const text = document.createElement('p');
  text.textContent = `Its configuration could not be loaded (${detail}). Reload the page to try again.`;
  message.append(title, text);
  document.querySelector('app-root')?.replaceChildren(message);
}

async function main(): Promise<void> {
  const runtimeConfig = await loadRuntimeConfig().catch((error: unknown) => {
    showStartupFailure(error);
    return null;
  });
  if (runtimeConfig === null) return;
  await bootstrapApplication(App, createAppConfig(runtimeConfig));
}

main().catch((error: unknown) => {
  console.error(error);
  showStartupFailure(error);
});
