import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';

type Server = HttpServer | HttpsServer;

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
