import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';

type Server = HttpServer | HttpsServer;

/**
 * How long a client's idle keep-alive connection stays open on a public
 * listener (Node's default is 5 s). A client that reuses a pooled
 * connection just as the server closes it gets "socket hang up" for a
 * request the server never saw, and SDK clients often pause about that long
 * between requests; two minutes, as IIS/http.sys keeps them, makes that rare.
 */
export const CLIENT_KEEP_ALIVE_MS = 120_000;

/** Where a server listens: a TCP port on a host, or a Unix socket path. */
export type ListenTarget = { readonly port: number; readonly host: string } | { readonly path: string };

/** Listens on `target`; a busy port or socket rejects, so the start fails at once. */
export const listenServer = (server: Server, target: ListenTarget): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(target, () => {
      server.off('error', reject);
      resolve();
    });
  });

/** Stops listening and closes every open connection, idle keep-alive ones included (a Unix socket's file goes with it). */
export const closeServer = async (server: Server | undefined): Promise<void> => {
  if (!server) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
};
