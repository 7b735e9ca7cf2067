import type { Socket } from 'node:net';
import type { Response } from 'express';

/** How long a refused body is still read and dropped after the answer, before the connection is cut. */
const LINGER_MS = 2_000;

/**
 * Answers on a connection that then closes, without reading the request's
 * body first (a 413 before gigabytes arrive). Node would close it right after
 * the answer with the rest of the body unread, and a socket closed with unread
 * bytes sends RST, which can make the peer (the gateway, still sending) lose
 * the answer and report the service unreachable. So this connection closes
 * the way HTTP servers' lingering close does: the answer, then FIN, then what
 * still arrives is read and dropped until the peer closes or LINGER_MS pass.
 */
export const closeAfterAnswer = (response: Response): void => {
  response.set('Connection', 'close');
  const socket = response.req.socket as Socket & { destroySoon?: () => void };
  if (socket.destroySoon === undefined) return;
  socket.destroySoon = () => {
    socket.end();
    socket.resume();
    const cut = setTimeout(() => socket.destroy(), LINGER_MS);
    socket.once('close', () => clearTimeout(cut));
    socket.once('end', () => socket.destroy());
  };
};
