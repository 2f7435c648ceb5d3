import { Injectable } from '@nestjs/common';
import {
  DirectoryConflictError,
  type DirectoryOrganisation,
  DirectoryRepository,
  type DirectoryUser,
  findOrganisationBySlug,
} from '@eventvault/activities';
import { type Principal } from '../auth/principal';
import { DatabaseClient } from '../clients/database-client';
import { ApiError, ApiErrorCode } from '../errors/api-error';
import { ExpiringCache } from './expiring-cache';

/** The caller in EventVault's own terms: which organisation row, and which user row (if they have one). */
export interface ResolvedCaller {
  readonly organisationId: string;
  readonly organisationSlug: string;
  /** app_user id; null when the organisation has no user for this caller (e.g. a supplier's contact). */
  readonly userId: string | null;
}

/** Long enough to spare the database on every request, short enough that a role or user change shows soon. */
const CACHE_TTL_MS = 60_000;
const CACHE_MAX_ENTRIES = 5_000;

/**
 * Resolves verified principals to organisation and user ids, caching both briefly. A user row is linked to its
 * Keycloak subject (and its roles refreshed) when the cache misses.
 */
@Injectable()
export class CallerDirectory {
  private readonly organisations = new ExpiringCache<string, DirectoryOrganisation | null>({
    ttlMs: CACHE_TTL_MS,
    maxEntries: CACHE_MAX_ENTRIES,
  });
  private readonly users = new ExpiringCache<string, DirectoryUser | null>({
    ttlMs: CACHE_TTL_MS,
    maxEntries: CACHE_MAX_ENTRIES,
  });

  constructor(private readonly database: DatabaseClient) {}

  async resolve(principal: Principal): Promise<ResolvedCaller> {
    const organisation = await this.organisations.getOrLoad(principal.organisation, () =>
      findOrganisationBySlug(this.database.db, principal.organisation),
    );
    if (organisation === null) {
      throw new ApiError(
        ApiErrorCode.FORBIDDEN,
        `Your organisation "${principal.organisation}" is not set up in EventVault`,
      );
    }
    const roles = [...principal.roles].sort().join(',');
    const user = await this.users
      .getOrLoad(`${organisation.id}\n${principal.subject}\n${principal.username}\n${roles}`, () =>
        this.directory(organisation.id).resolveUser({
          subject: principal.subject,
          username: principal.username,
          roles: principal.roles,
        }),
      )
      .catch((error: unknown) => {
        if (error instanceof DirectoryConflictError) {
          throw new ApiError(ApiErrorCode.FORBIDDEN, error.message, { reason: error.reason });
        }
        throw error;
      });
    return { organisationId: organisation.id, organisationSlug: organisation.slug, userId: user?.id ?? null };
  }

  /** The organisation's directory (events, suppliers, users), for checks the cache does not cover. */
  directory(organisationId: string): DirectoryRepository {
    return new DirectoryRepository(this.database.db, organisationId);
  }
}
