import net from 'node:net';
import { acceptsConnections, reachableServers } from './kernel-servers';

describe('kernel server reachability', () => {
  let server: net.Server;
  let live: string;
  let dead: string;

  beforeAll(async () => {
    server = net.createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    live = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    // A port that was free a moment ago: nothing listens there.
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    dead = `127.0.0.1:${(probe.address() as net.AddressInfo).port}`;
    await new Promise((resolve) => probe.close(resolve));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('tells a listening server from a closed port', async () => {
    await expect(acceptsConnections(live)).resolves.toBe(true);
    await expect(acceptsConnections(dead)).resolves.toBe(false);
  });

  it('keeps the servers that answer, in order, and every server when none answers', async () => {
    await expect(reachableServers([dead, live])).resolves.toEqual([live]);
    await expect(reachableServers([live, dead, live])).resolves.toEqual([live, live]);
    await expect(reachableServers([dead])).resolves.toEqual([dead]);
  });
});
