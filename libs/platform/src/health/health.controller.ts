import { Controller, Get, Res } from '@nestjs/common';
import { ReadinessReport } from './readiness-check';
import { ReadinessRegistry } from './readiness.registry';

interface StatusSettable {
  status(code: number): unknown;
}

/** GET /health: liveness, no I/O. GET /ready: 200 when every check passes, else 503. */
@Controller()
export class HealthController {
  constructor(private readonly readiness: ReadinessRegistry) {}

  @Get('health')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) response: StatusSettable): Promise<ReadinessReport> {
    const report = await this.readiness.run();
    response.status(report.status === 'ready' ? 200 : 503);
    return report;
  }
}
