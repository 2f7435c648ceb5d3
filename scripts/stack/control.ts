import { loadProfile } from './profile';
import { type InfraServiceName, serviceByName } from './services';

/** For integration tests: stop or start one service of the test stack, as an operator would. */
export async function stopService(name: InfraServiceName | 'worker' | 'api' | 'web'): Promise<void> {
  await serviceByName(name).stop(loadProfile('test'));
}

export async function startService(name: InfraServiceName | 'worker' | 'api' | 'web'): Promise<void> {
  const profile = loadProfile('test');
  const service = serviceByName(name);
  if (service.runningPid(profile) === undefined) await service.start(profile);
}
