import { Controller, Get, Header, Res } from '@nestjs/common';
import { type Response } from 'express';
import { Public } from '../auth/public.decorator';
import { type HealthReport, HealthService } from './health.service';

@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Readiness of every dependency: 200 when all are up, 503 naming the ones that are down. */
  @Public()
  @Get()
  @Header('Cache-Control', 'no-store')
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const report = await this.health.report();
    res.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
