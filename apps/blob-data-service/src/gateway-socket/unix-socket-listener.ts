import { chmod, mkdir, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { dirname } from 'node:path';
import { listenServer } from '@atrest/platform';

/**
 * Listens on a Unix socket path, which only this process's user may connect
 * to (mode 0600: what arrives there is trusted as the gateway's). A socket
 * file left by a process that stopped without removing it is replaced; one
 * that a live process still answers on is not (the start fails, as a busy
 * TCP port fails it).
 */
export const listenOnUnixSocket = async (server: Server, path: string): Promise<void> => {
  await mkdir(dirname(path), { recursive: true });
  if (await answers(path)) throw new Error(`another process already answers on the Unix socket ${path}`);
  await rm(path, { force: true });
  await listenServer(server, { path });
  await chmod(path, 0o600);
};

const answers = (path: string): Promise<boolean> =>
  new Promise((resolve) => {
    const probe = connect(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
