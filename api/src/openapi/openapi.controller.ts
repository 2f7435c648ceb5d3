import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '../auth/public.decorator';
import { openApiDocument } from './openapi-document';

@Controller()
export class OpenApiController {
  private readonly document = openApiDocument();

  /** The REST part's description, public like the GraphQL schema file: it holds no data, only the contract. */
  @Public()
  @Get('openapi.json')
  @Header('Cache-Control', 'public, max-age=300')
  describe(): Record<string, unknown> {
    return this.document;
  }
}
