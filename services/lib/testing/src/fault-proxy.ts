import { createServer, connect, type Server, type Socket } from 'node:net';

/** The faults a proxy applies from now on; each call of `set` replaces all of them. */
export interface NetworkFaults {
  /** Added to every chunk, each way (so a round trip gets twice this), plus up to `jitterMs` more. */
  latencyMs?: number;
  jitterMs?: number;
  /** Chance per second that an open connection is reset (RST both ways), as a flaky network or a NAT timeout does. */
  resetsPerSecond?: number;
  /** New connections are reset at once, as by a host that is down (connection refused). */
  refuse?: boolean;
  /** Nothing is forwarded, nothing is closed: a partition. What was held goes on, in order, once unpaused. */
  paused?: boolean;
}

/** What a proxy has done so far. */
export interface FaultProxyStats {
  connections: number;
  resets: number;
  refused: number;
  bytes: number;
}

/** A TCP proxy on loopback that forwards to one target and can slow, cut, reset and hold what passes. */
export interface FaultProxy {
  port: number;
  /** `127.0.0.1:<port>` */
  address: string;
  readonly stats: FaultProxyStats;
  set(faults: NetworkFaults): void;
  /** Resets every open connection now, e.g. to drop a client's kept-alive connections. */
  resetAll(): void;
  close(): Promise<void>;
}

/** Bytes held per direction before the sending side is paused (back pressure). */
const HIGH_WATER = 1024 * 1024;

/**
 * Starts a proxy on 127.0.0.1 (`port` 0: a free one) in front of `target`. For Kafka it must be in
 * the address a broker advertises, or clients bypass it after the first metadata request: see
 * `kafka.sh` (cluster nodes have a FAULTS listener advertised at a proxy port).
 */
export async function startFaultProxy(options: { target: { host?: string; port: number }; port?: number }): Promise<FaultProxy> {
  let faults: NetworkFaults = {};
  const stats: FaultProxyStats = { connections: 0, resets: 0, refused: 0, bytes: 0 };
  const open = new Set<{ reset(): void; release(): void }>();

  /** Forwards `from` to `to` through a queue that delays each chunk and holds everything while paused. */
  function forward(from: Socket, to: Socket) {
    const queue: { chunk: Buffer; due: number }[] = [];
    let queued = 0;
    let lastDue = 0;
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      timer = undefined;
      if (faults.paused || to.destroyed) return;
      const now = Date.now();
      while (queue.length > 0 && queue[0]!.due <= now) {
        const { chunk } = queue.shift()!;
        queued -= chunk.length;
        stats.bytes += chunk.length;
        to.write(chunk);
      }
      if (queued < HIGH_WATER && from.isPaused()) from.resume();
      if (queue.length > 0) timer = setTimeout(flush, Math.max(0, queue[0]!.due - now));
    };
    from.on('data', (chunk: Buffer) => {
      const delay = (faults.latencyMs ?? 0) + Math.random() * (faults.jitterMs ?? 0);
      // Never before the chunk ahead of it: TCP keeps order, so must we.
      lastDue = Math.max(lastDue, Date.now() + delay);
      queue.push({ chunk, due: lastDue });
      queued += chunk.length;
      if (queued >= HIGH_WATER) from.pause();
      timer ??= setTimeout(flush, Math.max(0, lastDue - Date.now()));
    });
    from.on('end', () => {
      const done = () => (queue.length === 0 ? to.end() : setTimeout(done, 10));
      done();
    });
    return () => {
      if (!timer && queue.length > 0) flush();
    };
  }

  const server: Server = createServer((client) => {
    if (faults.refuse) {
      stats.refused++;
      client.resetAndDestroy();
      return;
    }
    stats.connections++;
    const upstream = connect({ host: options.target.host ?? '127.0.0.1', port: options.target.port });
    const connection = {
      reset() {
        stats.resets++;
        client.resetAndDestroy();
        upstream.resetAndDestroy();
      },
      release: () => {
        toUpstream();
        toClient();
      },
    };
    const toUpstream = forward(client, upstream);
    const toClient = forward(upstream, client);
    open.add(connection);
    const close = () => {
      open.delete(connection);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });

  // Resets are drawn once a second per connection, so the rate does not depend on traffic.
  const resetter = setInterval(() => {
    const rate = faults.resetsPerSecond ?? 0;
    if (rate <= 0) return;
    for (const connection of [...open]) if (Math.random() < rate) connection.reset();
  }, 1_000);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  return {
    port,
    address: `127.0.0.1:${port}`,
    stats,
    set(next) {
      const wasPaused = faults.paused;
      faults = { ...next };
      if (wasPaused && !faults.paused) for (const connection of open) connection.release();
    },
    resetAll() {
      for (const connection of [...open]) connection.reset();
    },
    close: () =>
      new Promise((resolve) => {
        clearInterval(resetter);
        for (const connection of [...open]) connection.reset();
        server.close(() => resolve());
      }),
  };
}
