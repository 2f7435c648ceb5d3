import { Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { MFA_ACR, type Principal } from '../auth/principal';
import { MeModel } from './principal.model';

@Resolver(() => MeModel)
export class MeResolver {
  @Query(() => MeModel, { description: 'The caller, as the API sees their token.' })
  me(@CurrentPrincipal() principal: Principal): MeModel {
    return {
      subject: principal.subject,
      username: principal.username,
      organisation: principal.organisation,
      roles: [...principal.roles],
      mfa: principal.acr === MFA_ACR,
    };
  }
}
