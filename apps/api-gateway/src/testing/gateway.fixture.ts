import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { createServiceApp, loadConfig, type Env } from '@atrest/platform';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { IncomingHttpHeaders } from 'node:http';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../app.module';
import { ArmServer } from '../arm-server/arm-server';
import { issueToken, TokenRequest } from '../auth/token-issuer';
import { BlobServer } from '../blob-server/blob-server';
import { configSchema } from '../config';
import { DevTrust } from '../dev-trust/dev-trust';
import { DEV_TRUST } from '../dev-trust/dev-trust.token';

// Shared by the gateway's specs and the end-to-end spec (built into dist/ but never imported by the gateway).

export interface RunningGateway {
  readonly app: INestApplication;
  /** https://127.0.0.1:<port> of the management plane. */
  readonly url: string;
  /** http://127.0.0.1:<port> of the Blob data plane (accounts path-style below it). */
  readonly blobUrl: string;
  /** The Blob data plane over HTTPS (the dev CA's certificate: caCert). */
  readonly blobHttpsUrl: string;
  /** PEM of the dev CA the gateway's certificate is signed by. */
  readonly caCert: string;
  readonly trust: DevTrust;
  /** A token the gateway accepts (1 hour, subject "spec-user" unless given). */
  token(subscriptions: readonly string[], request?: Partial<TokenRequest>): Promise<string>;
  /** What the Azure SDK clients take: a TokenCredential handing out gateway tokens for these subscriptions. */
  credential(subscriptions: readonly string[]): TokenCredential;
  close(): Promise<void>;
}

/**
 * Boots the gateway in-process: the management plane and the Blob data plane
 * on free ports, with a dev folder of its own (removed on close). `env` needs the five *_SERVICE_URL settings; ARM_PORT, BLOB_PORT,
 * ATREST_DEV_DIR and LOG_LEVEL have spec defaults.
 */
export const startGateway = async (env: Env): Promise<RunningGateway> => {
  const devDir = join(mkdtempSync(join(tmpdir(), 'atrest-gateway-')), 'dev-ca');
  const config = loadConfig(configSchema, { ARM_PORT: '0', BLOB_PORT: '0', BLOB_HTTPS_PORT: '0', ATREST_DEV_DIR: devDir, LOG_LEVEL: 'warn', ...env });
  const app = await createServiceApp({ name: 'api-gateway', config, createModule: (c) => AppModule.forRoot(c) });
  await app.init();
  const trust = app.get<DevTrust>(DEV_TRUST);
  const token = (subscriptions: readonly string[], request: Partial<TokenRequest> = {}) =>
    issueToken(trust.tokenKey, config.ARM_TOKEN_AUDIENCE, { subject: 'spec-user', subscriptions, ttlSeconds: 3600, ...request });
  return {
    app,
    url: app.get(ArmServer).url,
    blobUrl: app.get(BlobServer).url,
    blobHttpsUrl: app.get(BlobServer).httpsUrl,
    caCert: readFileSync(trust.caCertPath, 'utf8'),
    trust,
    token,
    credential: (subscriptions) => ({
      getToken: async (): Promise<AccessToken> => ({ token: await token(subscriptions), expiresOnTimestamp: Date.now() + 3_600_000 }),
    }),
    close: async () => {
      await app.close();
      rmSync(join(devDir, '..'), { recursive: true, force: true });
    },
  };
};

export interface HttpsReply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test
}

export interface HttpsCall {
  method?: string;
  headers?: Record<string, string>;
  /** Sent as is (a string: e.g. malformed JSON) or as JSON. */
  body?: unknown;
  /** Adds Authorization: Bearer <bearer>. */
  bearer?: string;
}

/** One HTTPS request to the gateway, trusting only its dev CA; never hangs (10 s). */
export const callGateway = (gateway: Pick<RunningGateway, 'url' | 'caCert'>, path: string, call: HttpsCall = {}): Promise<HttpsReply> =>
  new Promise((resolve, reject) => {
    const body = call.body === undefined ? undefined : typeof call.body === 'string' ? call.body : JSON.stringify(call.body);
    const headers: Record<string, string> = {
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(call.bearer && { authorization: `Bearer ${call.bearer}` }),
      ...call.headers,
    };
    const { hostname, port } = new URL(gateway.url);
    // path as an option, not in a URL: a URL would resolve dot segments before sending.
    const options = { hostname, port, path, method: call.method ?? 'GET', headers, ca: gateway.caCert, timeout: 10_000 };
    const req = request(options, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parseJson(text) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from the gateway within 10 s: ${call.method ?? 'GET'} ${path}`)));
    req.on('error', reject);
    req.end(body);
  });

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
