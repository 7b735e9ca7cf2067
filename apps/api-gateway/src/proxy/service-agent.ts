import { Agent } from 'node:http';

/**
 * How long a pooled connection to a service may sit idle: under the 5 s
 * after which a Node service closes it (its keepAliveTimeout). Node 20's
 * agent heeds the service's `Keep-Alive: timeout=5` only when it has a
 * timeout of its own, and without one a request could go out on a
 * connection the service was closing at that moment: sent again if it has
 * no body (forwardRequest), a 503 if it has. With it, the gateway closes first.
 */
export const SERVICE_IDLE_CONNECTION_MS = 4_000;

/** The keep-alive pool the gateway forwards through. */
export const serviceAgent = (): Agent => new Agent({ keepAlive: true, timeout: SERVICE_IDLE_CONNECTION_MS });
