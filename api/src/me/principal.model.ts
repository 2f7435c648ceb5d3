import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { knownRoles, type Role } from '../auth/roles';

/** GraphQL enum of the realm roles, spelled as in Keycloak. */
export const RoleEnum = Object.fromEntries(knownRoles.map((role) => [role, role])) as { [R in Role]: R };

registerEnumType(RoleEnum, { name: 'Role', description: 'A realm role granted in Keycloak.' });

@ObjectType('Me', { description: 'The signed-in caller.' })
export class MeModel {
  @Field(() => String, { description: 'Keycloak subject (user id).' })
  subject!: string;

  @Field(() => String)
  username!: string;

  @Field(() => String, { description: "Slug of the caller's organisation." })
  organisation!: string;

  @Field(() => [RoleEnum])
  roles!: Role[];

  @Field(() => Boolean, { description: 'Whether this session passed multi-factor authentication (acr "2").' })
  mfa!: boolean;
}
