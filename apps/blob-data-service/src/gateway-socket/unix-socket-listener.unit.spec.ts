import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, get, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeServer } from '@atrest/platform';
import { listenOnUnixSocket } from './unix-socket-listener';

const hello = (): Server => createServer((_req, res) => res.end('hello'));

const getVia = (socketPath: string): Promise<string> =>
  new Promise((resolve, reject) => {
    get({ socketPath, path: '/' }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.once('end', () => resolve(body));
    }).once('error', reject);
  });

/** A process that binds the socket and is killed before it can remove it: the file stays, nobody answers. */
const leaveStaleSocket = (path: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(path)}, () => process.stdout.write('up'))`]);
    child.stdout.once('data', () => child.kill('SIGKILL'));
    child.once('exit', () => (existsSync(path) ? resolve() : reject(new Error('the killed process left no socket file'))));
  });

describe('listenOnUnixSocket', () => {
  let folder: string;
  const servers: Server[] = [];

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'atrest-sock-'));
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => (server.listening ? closeServer(server) : undefined)));
    await rm(folder, { recursive: true, force: true });
  });

  it('answers on the socket, creating its folder, for its own user only; closing removes the file', async () => {
    const path = join(folder, 'run', 'blob.sock');
    const server = hello();
    await listenOnUnixSocket(server, path);
    expect(await getVia(path)).toBe('hello');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await closeServer(server);
    expect(existsSync(path)).toBe(false);
  });

  it('replaces the socket file of a process that died without removing it', async () => {
    const path = join(folder, 'blob.sock');
    await leaveStaleSocket(path);
    const server = hello();
    servers.push(server);
    await listenOnUnixSocket(server, path);
    expect(await getVia(path)).toBe('hello');
  });

  it('refuses a socket another process still answers on, and leaves it working', async () => {
    const path = join(folder, 'blob.sock');
    const first = hello();
    servers.push(first);
    await listenOnUnixSocket(first, path);
    const second = hello();
    servers.push(second);
    await expect(listenOnUnixSocket(second, path)).rejects.toThrow(`another process already answers on the Unix socket ${path}`);
    expect(await getVia(path)).toBe('hello');
  });
});
