import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { type PageOf } from '../graphql/pagination';
import { SupplierModel, SupplierPage, SuppliersArgs } from './supplier.model';
import { SuppliersService } from './suppliers.service';

// Suppliers themselves never list the register: they see their own profile through the portal (mySupplierProfile).
@Resolver(() => SupplierModel)
export class SuppliersResolver {
  constructor(private readonly service: SuppliersService) {}

  @Query(() => SupplierPage, { description: 'The supplier register by name; bank details masked.' })
  @Roles('admin', 'finance', 'event_manager', 'approver', 'auditor')
  suppliers(
    @CurrentPrincipal() principal: Principal,
    @Args() args: SuppliersArgs,
  ): Promise<PageOf<SupplierModel>> {
    return this.service.list(principal, args);
  }

  @Query(() => SupplierModel)
  @Roles('admin', 'finance', 'event_manager', 'approver', 'auditor')
  supplier(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<SupplierModel> {
    return this.service.one(principal, id);
  }
}
