import { closeServer, SERVICE_CONFIG } from '@atrest/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { BlobDataServiceConfig } from '../config';
import { listenOnUnixSocket } from './unix-socket-listener';

/**
 * The same app as on PORT, also on the Unix socket GATEWAY_SOCKET (when
 * set), for an api-gateway on the same host: every byte of a blob crosses
 * the gateway hop twice on loopback TCP, and a Unix socket carries it for
 * about a quarter less CPU (docs/architecture.md, "The gateway hop").
 */
@Injectable()
export class GatewaySocket implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('GatewaySocket');
  private server?: Server;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: BlobDataServiceConfig,
    private readonly adapter: HttpAdapterHost,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const path = this.config.GATEWAY_SOCKET;
    if (!path) return;
    // Routes are registered before bootstrap hooks run, so the app already answers every request PORT does.
    const server = createServer(this.adapter.httpAdapter.getInstance<RequestListener>());
    await listenOnUnixSocket(server, path);
    this.server = server;
    this.logger.log(`also answering on the Unix socket ${path}`);
  }

  /** The first thing to stop: no request arrives here while the stores behind it close. */
  async onModuleDestroy(): Promise<void> {
    await closeServer(this.server);
  }
}
