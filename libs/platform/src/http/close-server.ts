import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';

/** Stops listening and closes every open connection, idle keep-alive ones included (a Unix socket's file goes with it). */
export const closeServer = async (server: HttpServer | HttpsServer | undefined): Promise<void> => {
  if (!server) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
};
