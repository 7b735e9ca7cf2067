import { Module } from '@nestjs/common';
import { GatewaySocket } from './gateway-socket';

/** blob-data-service's Unix socket for a co-located api-gateway (GATEWAY_SOCKET). */
@Module({ providers: [GatewaySocket] })
export class GatewaySocketModule {}
