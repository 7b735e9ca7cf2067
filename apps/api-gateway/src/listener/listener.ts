import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

// Where the gateway's public listeners (ARM over HTTPS, Blob over HTTP) are bound; @atrest/platform's listenServer and closeServer start and stop them.

type Listener = HttpServer | HttpsServer;

/** scheme://host:port actually bound (port 0 picks a free one: specs). */
export const boundUrl = (server: Listener, scheme: 'http' | 'https'): string => {
  const { address, port } = server.address() as AddressInfo;
  return `${scheme}://${address.includes(':') ? `[${address}]` : address}:${port}`;
};
