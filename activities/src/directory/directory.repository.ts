import type { DatabaseSession } from '../database/client';

/** An organisation as the API knows its callers' `org` claim. */
export interface DirectoryOrganisation {
  readonly id: string;
  readonly slug: string;
  readonly baseCurrency: string;
}

/** Who a verified token belongs to, as far as the directory needs it. */
export interface CallerIdentity {
  /** Keycloak subject (the token's `sub`). */
  readonly subject: string;
  readonly username: string;
  /** Realm roles from the token; stored on the user so approval rules can find role holders. */
  readonly roles: readonly string[];
}

export interface DirectoryUser {
  readonly id: string;
  readonly username: string;
}

export type DirectoryConflictReason = 'subject-in-other-organisation' | 'username-linked-to-other-subject';

/** A token and the directory disagree about who someone is; a person (an admin) has to sort it out. */
export class DirectoryConflictError extends Error {
  override readonly name = 'DirectoryConflictError';

  constructor(
    readonly reason: DirectoryConflictReason,
    message: string,
  ) {
    super(message);
  }
}

/** The organisation behind an `org` claim; null for a slug EventVault does not know. */
export function findOrganisationBySlug(
  db: DatabaseSession,
  slug: string,
): Promise<DirectoryOrganisation | null> {
  return db.organisation.findUnique({
    where: { slug },
    select: { id: true, slug: true, baseCurrency: true },
  });
}

function sameRoles(stored: readonly string[], token: readonly string[]): boolean {
  const a = [...new Set(stored)].sort();
  const b = [...new Set(token)].sort();
  return a.length === b.length && a.every((role, index) => role === b[index]);
}

/**
 * The people, events and suppliers of one organisation, as callers of the API refer to them. Users are linked to
 * their Keycloak subject on first sight (the demo seed and imports create them by username, without one).
 */
export class DirectoryRepository {
  constructor(
    private readonly db: DatabaseSession,
    readonly organisationId: string,
  ) {}

  /**
   * The app_user of a verified caller, or null when the organisation has no user for them (e.g. a supplier's
   * contact who only uploads). Links the subject on first sight and keeps the stored roles in step with the token.
   */
  async resolveUser(caller: CallerIdentity): Promise<DirectoryUser | null> {
    const linked = await this.db.appUser.findUnique({
      where: { keycloakSubject: caller.subject },
      select: { id: true, username: true, organisationId: true, roles: true },
    });
    if (linked) {
      if (linked.organisationId !== this.organisationId) {
        throw new DirectoryConflictError(
          'subject-in-other-organisation',
          `Keycloak user ${caller.subject} belongs to another organisation in EventVault.`,
        );
      }
      await this.syncRoles(linked.id, linked.roles, caller.roles);
      return { id: linked.id, username: linked.username };
    }

    const named = await this.db.appUser.findUnique({
      where: { organisationId_username: { organisationId: this.organisationId, username: caller.username } },
      select: { id: true, username: true, keycloakSubject: true },
    });
    if (!named) return null;
    if (named.keycloakSubject !== null && named.keycloakSubject !== caller.subject) {
      throw new DirectoryConflictError(
        'username-linked-to-other-subject',
        `User ${caller.username} is already linked to another Keycloak account.`,
      );
    }
    // Conditional on the subject still being empty, so two first requests racing link it once.
    const { count } = await this.db.appUser.updateMany({
      where: { organisationId: this.organisationId, id: named.id, keycloakSubject: null },
      data: { keycloakSubject: caller.subject, roles: [...new Set(caller.roles)].sort() },
    });
    if (count === 0) {
      const now = await this.db.appUser.findUnique({
        where: { organisationId_id: { organisationId: this.organisationId, id: named.id } },
        select: { keycloakSubject: true },
      });
      if (now?.keycloakSubject !== caller.subject) {
        throw new DirectoryConflictError(
          'username-linked-to-other-subject',
          `User ${caller.username} is already linked to another Keycloak account.`,
        );
      }
    }
    return { id: named.id, username: named.username };
  }

  async hasEvent(eventId: string): Promise<boolean> {
    const event = await this.db.event.findUnique({
      where: { organisationId_id: { organisationId: this.organisationId, id: eventId } },
      select: { id: true },
    });
    return event !== null;
  }

  /** A user known by username (before their first sign-in links the Keycloak subject); true when created. */
  async ensureUser(user: { username: string; email: string; displayName: string }): Promise<boolean> {
    const existing = await this.userIdByUsername(user.username);
    if (existing !== null) return false;
    await this.db.appUser.create({ data: { ...user, organisationId: this.organisationId } });
    return true;
  }

  /** Every user id of the organisation, ordered by username. */
  async userIdsByUsername(): Promise<string[]> {
    const rows = await this.db.appUser.findMany({
      where: { organisationId: this.organisationId },
      orderBy: { username: 'asc' },
      select: { id: true },
    });
    return rows.map((row) => row.id);
  }

  /** Sets the user's stored realm roles unless they are these already; true when they changed. */
  async setRoles(userId: string, roles: readonly string[]): Promise<boolean> {
    const user = await this.db.appUser.findUnique({
      where: { organisationId_id: { organisationId: this.organisationId, id: userId } },
      select: { roles: true },
    });
    if (!user || sameRoles(user.roles, roles)) return false;
    await this.db.appUser.updateMany({
      where: { organisationId: this.organisationId, id: userId },
      data: { roles: [...new Set(roles)].sort() },
    });
    return true;
  }

  async userIdByUsername(username: string): Promise<string | null> {
    const user = await this.db.appUser.findUnique({
      where: { organisationId_username: { organisationId: this.organisationId, username } },
      select: { id: true },
    });
    return user?.id ?? null;
  }

  /** Display names of the organisation's users among `userIds`, by id (ids of other organisations are left out). */
  async displayNames(userIds: readonly string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const users = await this.db.appUser.findMany({
      where: { organisationId: this.organisationId, id: { in: [...new Set(userIds)] } },
      select: { id: true, displayName: true },
    });
    return new Map(users.map((user) => [user.id, user.displayName]));
  }

  /** The supplier this user speaks for (supplier portal); null for staff. */
  async supplierOfUser(userId: string): Promise<string | null> {
    const user = await this.db.appUser.findUnique({
      where: { organisationId_id: { organisationId: this.organisationId, id: userId } },
      select: { supplierId: true },
    });
    return user?.supplierId ?? null;
  }

  /** The supplier of exactly this name; null when there is none (or more than one). */
  async supplierIdByName(name: string): Promise<string | null> {
    const rows = await this.db.supplier.findMany({
      where: { organisationId: this.organisationId, name },
      select: { id: true },
      take: 2,
    });
    return rows.length === 1 ? (rows[0]?.id ?? null) : null;
  }

  async hasSupplier(supplierId: string): Promise<boolean> {
    const supplier = await this.db.supplier.findUnique({
      where: { organisationId_id: { organisationId: this.organisationId, id: supplierId } },
      select: { id: true },
    });
    return supplier !== null;
  }

  private async syncRoles(
    userId: string,
    stored: readonly string[],
    token: readonly string[],
  ): Promise<void> {
    if (sameRoles(stored, token)) return;
    await this.db.appUser.updateMany({
      where: { organisationId: this.organisationId, id: userId },
      data: { roles: [...new Set(token)].sort() },
    });
  }
}
