import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { StatusController } from './status.controller';

/** GET /metrics (Prometheus) and GET /internal/status (JSON). */
@Module({ controllers: [MetricsController, StatusController] })
export class MetricsModule {}
