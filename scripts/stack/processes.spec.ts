import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { StackError, assertPortsFree, isAlive, isPortFree, sleep } from './processes';

describe('port checks', () => {
  let server: net.Server;
  let port: number;

  beforeAll(async () => {
    server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('sees a port another program holds as busy', async () => {
    expect(await isPortFree(port)).toBe(false);
  });

  it('names the port, what it is for and the setting that moves it', async () => {
    const attempt = assertPortsFree('Temporal server', [
      { port, setting: 'TEMPORAL_PORT', purpose: 'Temporal frontend (gRPC)' },
    ]);
    await expect(attempt).rejects.toThrow(StackError);
    await expect(attempt).rejects.toThrow(
      new RegExp(
        `port ${port} \\(Temporal frontend \\(gRPC\\)\\) is already in use[\\s\\S]*TEMPORAL_PORT=<port> in \\.env`,
      ),
    );
  });

  it('accepts a free port', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const free = (probe.address() as net.AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    await expect(
      assertPortsFree('x', [{ port: free, setting: 'X_PORT', purpose: 'x' }]),
    ).resolves.toBeUndefined();
  });
});

describe('process liveness', () => {
  it('counts an exited child that nobody has reaped yet (a zombie) as gone', async () => {
    // The child outlives its parent's exec into sleep, which never reaps: once the child exits it stays a zombie.
    // (A child that exits before the exec may be reaped by the shell itself, so it waits a moment first.)
    const parent = spawn('sh', ['-c', '(sleep 0.5; exit 0) & echo $!; exec sleep 10'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const zombie = await new Promise<number>((resolve) => {
      parent.stdout.once('data', (data: Buffer) => resolve(Number(data.toString().trim())));
    });
    const state = () => fs.readFileSync(`/proc/${zombie}/stat`, 'utf8');
    for (let waited = 0; waited < 8_000 && !/\) Z /.test(state()); waited += 100) await sleep(100);
    try {
      expect(fs.readFileSync(`/proc/${zombie}/stat`, 'utf8')).toMatch(/\) Z /);
      expect(isAlive(zombie)).toBe(false);
      expect(isAlive(parent.pid ?? -1)).toBe(true);
    } finally {
      parent.kill('SIGKILL');
    }
  });
});
