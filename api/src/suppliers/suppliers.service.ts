import { Injectable } from '@nestjs/common';
import { type Principal } from '../auth/principal';
import { CallerDirectory } from '../directory/caller-directory';
import { ApiError, ApiErrorCode } from '../errors/api-error';
import { requireId } from '../graphql/ids';
import { textPage, toPage } from '../graphql/keyset-page';
import { type PageOf } from '../graphql/pagination';
import { type SupplierModel, type SuppliersArgs } from './supplier.model';
import { SupplierRegister, toSupplierModel } from './supplier-register';

@Injectable()
export class SuppliersService {
  constructor(
    private readonly callers: CallerDirectory,
    private readonly register: SupplierRegister,
  ) {}

  async list(principal: Principal, args: SuppliersArgs): Promise<PageOf<SupplierModel>> {
    const caller = await this.callers.resolve(principal);
    const suppliers = this.register.of(caller.organisationId);
    const page = await suppliers.page(args.search?.trim() || null, textPage(args));
    const profiles = await Promise.all(page.items.map((s) => suppliers.profile(s.id)));
    return toPage({ ...page, items: profiles.filter((p) => p !== null) }, toSupplierModel, (s) => s.name);
  }

  async one(principal: Principal, id: string): Promise<SupplierModel> {
    const caller = await this.callers.resolve(principal);
    const profile = await this.register.of(caller.organisationId).profile(requireId(id, 'id'));
    if (!profile) throw new ApiError(ApiErrorCode.NOT_FOUND, `Your organisation has no supplier ${id}`);
    return toSupplierModel(profile);
  }
}
