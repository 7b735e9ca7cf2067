import { CLIENT_KEEP_ALIVE_MS, closeServer, listenServer, SERVICE_CONFIG } from '@atrest/platform';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, Server } from 'node:https';
import { ApiGatewayConfig } from '../config';
import { DevTrust } from '../dev-trust/dev-trust';
import { DEV_TRUST } from '../dev-trust/dev-trust.token';
import { boundUrl } from '../listener/listener';
import { ArmGateway } from './arm-gateway';

/**
 * The HTTPS listener of the management plane (HOST:ARM_PORT), beside the
 * internal health port. Starts with the app (a busy port fails the start)
 * and closes with it, open connections included.
 */
@Injectable()
export class ArmServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ArmServer');
  private server?: Server;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ApiGatewayConfig,
    @Inject(DEV_TRUST) private readonly trust: DevTrust,
    private readonly gateway: ArmGateway,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer({ cert: this.trust.tls.cert, key: this.trust.tls.key }, (req, res) => void this.gateway.handle(req, res));
    server.keepAliveTimeout = CLIENT_KEEP_ALIVE_MS;
    await listenServer(server, { port: this.config.ARM_PORT, host: this.config.HOST });
    this.server = server;
    this.logger.log(
      `management plane (ARM) listening on ${this.url}; its certificate is signed by the dev CA ${this.trust.caCertPath} ` +
        `(Node clients: NODE_EXTRA_CA_CERTS=${this.trust.caCertPath})`,
    );
  }

  /** https://host:port actually bound (ARM_PORT=0 picks a free port: specs). */
  get url(): string {
    return boundUrl(this.server!, 'https');
  }

  onApplicationShutdown(): Promise<void> {
    return closeServer(this.server);
  }
}
