import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

// The gateway's public listeners (ARM over HTTPS, Blob over HTTP) start alike (and stop with @atrest/platform's closeServer).

type Listener = HttpServer | HttpsServer;

/** Listens on host:port; a busy port rejects, so the start fails at once. */
export const listen = (server: Listener, port: number, host: string): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

/** scheme://host:port actually bound (port 0 picks a free one: specs). */
export const boundUrl = (server: Listener, scheme: 'http' | 'https'): string => {
  const { address, port } = server.address() as AddressInfo;
  return `${scheme}://${address.includes(':') ? `[${address}]` : address}:${port}`;
};
