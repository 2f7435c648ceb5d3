import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { DatabaseProbe } from './probes/database.probe';
import { HEALTH_PROBES, type HealthProbe } from './probes/health-probe';
import { KeycloakProbe } from './probes/keycloak.probe';
import { S3Probe } from './probes/s3.probe';
import { TemporalProbe } from './probes/temporal.probe';

@Module({
  controllers: [HealthController],
  providers: [
    DatabaseProbe,
    TemporalProbe,
    S3Probe,
    KeycloakProbe,
    {
      provide: HEALTH_PROBES,
      useFactory: (...probes: HealthProbe[]): HealthProbe[] => probes,
      inject: [DatabaseProbe, TemporalProbe, S3Probe, KeycloakProbe],
    },
    HealthService,
  ],
})
export class HealthModule {}
