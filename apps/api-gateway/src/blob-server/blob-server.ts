import { CLIENT_KEEP_ALIVE_MS, closeServer, listenServer, SERVICE_CONFIG } from '@atrest/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createTlsServer, Server as TlsServer } from 'node:https';
import { ApiGatewayConfig } from '../config';
import { DevTrust } from '../dev-trust/dev-trust';
import { DEV_TRUST } from '../dev-trust/dev-trust.token';
import { boundUrl } from '../listener/listener';
import { PROXY_BUFFER_BYTES } from '../proxy/forward-request';
import { BlobGateway } from './blob-gateway';

/**
 * The listeners of the Blob data plane, path-style like Azurite: HTTP on
 * HOST:BLOB_PORT (http://127.0.0.1:10000/{account}/{container}/{blob}) and
 * HTTPS on HOST:BLOB_HTTPS_PORT (https://127.0.0.1:10443/{account}/...,
 * the management plane's certificate, signed by the dev CA), one pipeline
 * behind both. Start with the app (a busy port fails the start) and close with it.
 */
@Injectable()
export class BlobServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('BlobServer');
  private server?: Server;
  private tlsServer?: TlsServer;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ApiGatewayConfig,
    @Inject(DEV_TRUST) private readonly trust: DevTrust,
    private readonly gateway: BlobGateway,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // No limit on how long a whole request may take (Node's default is 5 minutes): a large upload
    // takes what it takes; a stalled one ends at the gateway's idle timeout towards blob-data-service.
    // Buffers as large as the proxy's towards blob-data-service (PROXY_BUFFER_BYTES), so bodies stream without stalling at 16 KiB.
    const options = { requestTimeout: 0, highWaterMark: PROXY_BUFFER_BYTES };
    const handle = (req: IncomingMessage, res: ServerResponse) => void this.gateway.handle(req, res);
    const server = createServer(options, handle);
    const tlsServer = createTlsServer({ ...options, cert: this.trust.tls.cert, key: this.trust.tls.key }, handle);
    for (const listener of [server, tlsServer]) {
      // Expect: 100-continue is answered by the gateway once the request is authorized, not by Node up front.
      listener.on('checkContinue', handle);
      listener.keepAliveTimeout = CLIENT_KEEP_ALIVE_MS;
    }
    await listenServer(server, { port: this.config.BLOB_PORT, host: this.config.HOST });
    this.server = server;
    await listenServer(tlsServer, { port: this.config.BLOB_HTTPS_PORT, host: this.config.HOST });
    this.tlsServer = tlsServer;
    this.logger.log(`Blob data plane listening on ${this.url}/{account} and ${this.httpsUrl}/{account} (Shared Key with the account's key1 or key2, or a SAS)`);
  }

  /** http://host:port actually bound (BLOB_PORT=0 picks a free port: specs). */
  get url(): string {
    return boundUrl(this.server!, 'http');
  }

  /** https://host:port actually bound (BLOB_HTTPS_PORT=0 picks a free port: specs). */
  get httpsUrl(): string {
    return boundUrl(this.tlsServer!, 'https');
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([closeServer(this.server), closeServer(this.tlsServer)]);
  }
}
