import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * The first port the kernel hands out for outgoing connections: ports are
 * picked below it, since a port picked among those could be taken by a
 * starting service's own Postgres or Kafka connection before the service
 * that was given it binds it (seen: EADDRINUSE).
 */
const EPHEMERAL_LOW = (() => {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32_768;
  } catch {
    return 32_768;
  }
})();
const PORT_SPAN = 10_000;
const handedOut = new Set<number>();

const canListen = (port: number): Promise<boolean> =>
  new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });

/** A port free now, below the ephemeral range, and not handed out before in this run. */
export const freePort = async (): Promise<number> => {
  for (;;) {
    const port = EPHEMERAL_LOW - PORT_SPAN + Math.floor(Math.random() * PORT_SPAN);
    if (!handedOut.has(port) && (await canListen(port))) {
      handedOut.add(port);
      return port;
    }
  }
};
