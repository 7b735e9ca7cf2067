import { closeServer, listenServer, SERVICE_CONFIG } from '@atrest/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import { ApiGatewayConfig } from '../config';
import { boundUrl } from '../listener/listener';
import { PROXY_BUFFER_BYTES } from '../proxy/forward-request';
import { BlobGateway } from './blob-gateway';

/**
 * The HTTP listener of the Blob data plane (HOST:BLOB_PORT), path-style like
 * Azurite: http://127.0.0.1:10000/{account}/{container}/{blob}. Starts with
 * the app (a busy port fails the start) and closes with it.
 */
@Injectable()
export class BlobServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('BlobServer');
  private server?: Server;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ApiGatewayConfig,
    private readonly gateway: BlobGateway,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // No limit on how long a whole request may take (Node's default is 5 minutes): a large upload
    // takes what it takes; a stalled one ends at the gateway's idle timeout towards blob-data-service.
    // Buffers as large as the proxy's towards blob-data-service (PROXY_BUFFER_BYTES), so bodies stream without stalling at 16 KiB.
    const server = createServer({ requestTimeout: 0, highWaterMark: PROXY_BUFFER_BYTES }, (req, res) => void this.gateway.handle(req, res));
    // Expect: 100-continue is answered by the gateway once the request is authorized, not by Node up front.
    server.on('checkContinue', (req, res) => void this.gateway.handle(req, res));
    await listenServer(server, { port: this.config.BLOB_PORT, host: this.config.HOST });
    this.server = server;
    this.logger.log(`Blob data plane listening on ${this.url}/{account} (Shared Key with the account's key1 or key2)`);
  }

  /** http://host:port actually bound (BLOB_PORT=0 picks a free port: specs). */
  get url(): string {
    return boundUrl(this.server!, 'http');
  }

  onApplicationShutdown(): Promise<void> {
    return closeServer(this.server);
  }
}
