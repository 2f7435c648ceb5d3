import { migrateToLatest } from '../../activities/src/database/migrate';
import { seedDemoData } from '../seed/demo-seed';
import { StackError, assertPortsFree } from './processes';
import type { StackProfile } from './profile';
import { type ServiceName, type StackService, applications, infrastructure, serviceByName } from './services';

export interface StartOptions {
  readonly applications: boolean;
  readonly log?: (line: string) => void;
}

/** Starts whatever is not running yet; returns the services this call started (and so may stop). */
export async function startStack(profile: StackProfile, options: StartOptions): Promise<ServiceName[]> {
  const log = options.log ?? (() => undefined);
  const started: ServiceName[] = [];
  const ensure = async (service: StackService): Promise<void> => {
    const pid = service.runningPid(profile);
    if (pid !== undefined) {
      log(`  ${service.label}: already running (pid ${pid})`);
      return;
    }
    const t0 = Date.now();
    log(`  ${service.label}: starting…`);
    await service.start(profile);
    started.push(service.name);
    log(`  ${service.label}: healthy in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };
  // Every port first, so a conflict is reported before anything starts rather than half-way through.
  const toStart = [...infrastructure, ...(options.applications ? applications : [])].filter(
    (service) => service.runningPid(profile) === undefined,
  );
  for (const service of toStart) await assertPortsFree(service.label, service.ports(profile));
  try {
    const [postgres, ...others] = infrastructure;
    const keycloak = others.find((s) => s.name === 'keycloak');
    const rest = others.filter((s) => s.name !== 'keycloak');
    // PostgreSQL first (Keycloak keeps its state there); the rest in parallel, since Keycloak alone takes ~30 s.
    const independent = Promise.allSettled(rest.map(ensure));
    let identity: Promise<PromiseSettledResult<void>[]> = Promise.resolve([]);
    try {
      if (postgres) await ensure(postgres);
      identity = Promise.allSettled(keycloak ? [ensure(keycloak)] : []);
      const applied = await migrateToLatest(profile.appEnv.DATABASE_URL);
      log(`  database: ${applied.length === 0 ? 'schema up to date' : `applied ${applied.join(', ')}`}`);
      log(
        `  demo data: ${await seedDemoData(profile.appEnv.DATABASE_URL, profile.appEnv.BANK_DETAILS_KEYRING)}`,
      );
    } finally {
      throwFirstFailure([...(await independent), ...(await identity)]);
    }
    if (options.applications) {
      for (const app of applications) await ensure(app);
    }
    return started;
  } catch (error) {
    await stopServices(profile, started);
    throw error;
  }
}

function throwFirstFailure(results: readonly PromiseSettledResult<unknown>[]): void {
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
}

/** Stops the named services, applications before the infrastructure they need. */
export async function stopServices(profile: StackProfile, names: readonly ServiceName[]): Promise<void> {
  const order: ServiceName[] = ['web', 'api', 'worker', 'keycloak', 's3', 'temporal', 'postgres'];
  for (const name of order.filter((n) => names.includes(n))) {
    const service = serviceByName(name);
    try {
      await service.stop(profile);
    } catch (error) {
      throw new StackError(`could not stop ${service.label}: ${(error as Error).message}`);
    }
  }
}

export function runningServices(profile: StackProfile): ServiceName[] {
  return [...infrastructure, ...applications]
    .filter((s) => s.runningPid(profile) !== undefined)
    .map((s) => s.name);
}
