import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'eventvault:public';

/** Opts a handler (or controller) out of authentication. Every use is listed in guard-coverage.spec.ts. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
