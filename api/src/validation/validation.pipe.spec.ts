import { Body, Controller, Logger, Post } from '@nestjs/common';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { IsInt, IsString, IsUUID, Max, MaxLength } from 'class-validator';
import request from 'supertest';
import { LocalIdentityProvider } from '../testing/local-identity-provider';
import { createTestApp } from '../testing/test-app';

class StageBookingDto {
  @IsUUID()
  eventId!: string;

  @IsString()
  @MaxLength(20)
  stage!: string;

  @IsInt()
  @Max(10)
  hours!: number;
}

@Controller('validation-spec')
class ValidationSpecController {
  @Post()
  book(@Body() booking: StageBookingDto): { hours: number; isDto: boolean } {
    return { hours: booking.hours, isDto: booking instanceof StageBookingDto };
  }
}

interface ErrorBody {
  error?: { code: string; message: string; details?: { field?: string; fields?: Record<string, string[]> } };
  errors?: { message: string; extensions?: { code?: string; details?: { field?: string } } }[];
}

describe('global validation of GraphQL args and REST bodies', () => {
  let idp: LocalIdentityProvider;
  let app: NestExpressApplication;
  let admin: string;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    idp = await LocalIdentityProvider.start();
    app = await createTestApp(idp.config(), { controllers: [ValidationSpecController] });
    admin = await idp.sign(idp.userClaims({ realm_access: { roles: ['admin'] } }));
  });

  afterAll(async () => {
    await app?.close();
    await idp?.stop();
  });

  const rest = (body: Record<string, unknown>) =>
    request(app.getHttpServer())
      .post('/validation-spec')
      .set('Authorization', `Bearer ${admin}`)
      .set('Content-Type', 'application/json')
      .send(body);

  const gql = async (query: string): Promise<ErrorBody> =>
    (
      await request(app.getHttpServer())
        .post('/graphql')
        .set('Authorization', `Bearer ${admin}`)
        .set('Content-Type', 'application/json')
        .send({ query })
    ).body as ErrorBody;

  const valid = { eventId: '5b0c7a52-3f7e-4d8e-9a43-0f7a2b1c9d10', stage: 'Main', hours: 4 };

  it('passes a valid body through as the DTO class', async () => {
    const response = await rest(valid).expect(201);
    expect(response.body).toEqual({ hours: 4, isDto: true });
  });

  it.each([
    ['a malformed id', { ...valid, eventId: 'not-a-uuid' }, 'eventId'],
    ['a string too long', { ...valid, stage: 'x'.repeat(21) }, 'stage'],
    ['a number out of range', { ...valid, hours: 11 }, 'hours'],
    ['a missing field', { eventId: valid.eventId, stage: 'Main' }, 'hours'],
    ['an unknown field', { ...valid, organisationId: 'karoo-festivals' }, 'organisationId'],
  ])('answers 400 VALIDATION naming the field for %s (REST)', async (_case, body, field) => {
    const response = await rest(body).expect(400);
    const error = (response.body as ErrorBody).error;
    expect(error).toMatchObject({ code: 'VALIDATION', details: { field } });
    expect(error?.message).toContain(field);
  });

  it.each([
    ['first above its maximum', '{ workflows(first: 500) { totalCount } }', 'first'],
    [
      'a nested input field',
      '{ workflows(filter: { supplierId: "a b" }) { totalCount } }',
      'filter.supplierId',
    ],
    [
      'an amount that is not a decimal',
      '{ workflows(filter: { amountAtLeast: "1e6" }) { totalCount } }',
      'filter.amountAtLeast',
    ],
    ['an empty reason', 'mutation { terminateWorkflow(workflowId: "w", reason: "") { status } }', 'reason'],
  ])('answers VALIDATION naming the field for %s (GraphQL)', async (_case, query, field) => {
    const body = await gql(query);
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['VALIDATION']);
    expect(body.errors?.[0]?.extensions?.details?.field).toBe(field);
  });
});
