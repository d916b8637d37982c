import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const sshd = '/usr/sbin/sshd';

/** A real OpenSSH server on 127.0.0.1 for tests, serving SFTP to the current user with a throwaway key. */
export interface TestSftpServer {
  host: string;
  port: number;
  username: string;
  /** An authorized client key (OpenSSH format, no passphrase). */
  privateKeyFile: string;
  /** The server's host key as `ssh-keygen -lf` prints it, for `hostKeySha256`. */
  hostKeySha256: string;
  /** An empty directory to upload into; SFTP paths are this machine's paths (no chroot). */
  root: string;
  /** Makes another client key, authorized unless told otherwise; returns its private key file. */
  newClientKey(options?: { authorized?: boolean; passphrase?: string }): Promise<string>;
  /** What sshd logged so far (LogLevel VERBOSE), for a failing test's message. */
  log(): string;
  /** Ends the server and every session it has open. */
  stop(): Promise<void>;
  /** SIGKILLs the server and every session it has open, as a crash would. */
  kill(): Promise<void>;
  /** Starts the server again on the same port with the same keys (after stop or kill). */
  restart(): Promise<void>;
  /** SIGSTOPs the server and its sessions: connections stay open, but nothing answers. */
  pause(): Promise<void>;
  /** SIGCONTs what `pause` stopped. */
  resume(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function newKey(path: string, passphrase = ''): Promise<string> {
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', 'amtsbote-test', '-f', path]);
  return path;
}

/**
 * sshd forks one process per connection, and each calls setsid(), so signalling the listener's
 * process group does not reach the sessions: walk /proc for the listener's descendants instead.
 */
async function processTree(pid: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      // The second field (comm) may contain spaces and parentheses; the ppid is the second field after it.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // the process ended while we looked
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  }
  return tree;
}

async function signalTree(pid: number, signal: NodeJS.Signals): Promise<void> {
  for (const each of await processTree(pid)) {
    try {
      process.kill(each, signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Starts OpenSSH's sshd on a free port of 127.0.0.1 with fresh host and client keys in a temporary
 * directory. Only public-key authentication is on, for the current user (root included), and SFTP is
 * served by internal-sftp. Needs the Debian package openssh-server (and ssh-keygen from openssh-client).
 */
export async function startTestSftpServer(): Promise<TestSftpServer> {
  if (!existsSync(sshd)) throw new Error(`${sshd} is missing: install OpenSSH's server (apt-get install openssh-server)`);
  const dir = await mkdtemp(join(tmpdir(), 'amtsbote-sshd-'));
  const root = join(dir, 'files');
  await mkdir(root);
  const hostKey = await newKey(join(dir, 'host_ed25519'));
  const authorizedKeys = join(dir, 'authorized_keys');
  await writeFile(authorizedKeys, '');
  let clientKeys = 0;
  const newClientKey: TestSftpServer['newClientKey'] = async ({ authorized = true, passphrase = '' } = {}) => {
    const key = await newKey(join(dir, `client_${++clientKeys}_ed25519`), passphrase);
    if (authorized) await appendFile(authorizedKeys, await readFile(`${key}.pub`));
    return key;
  };
  const privateKeyFile = await newClientKey();
  const { stdout: fingerprint } = await run('ssh-keygen', ['-lf', `${hostKey}.pub`]);
  const hostKeySha256 = fingerprint.split(' ')[1]!;

  const port = await freePort();
  const config = join(dir, 'sshd_config');
  await writeFile(
    config,
    [
      `ListenAddress 127.0.0.1:${port}`,
      `HostKey ${hostKey}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${authorizedKeys}`,
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      // The temporary directory is not laid out like a home directory; do not check its modes.
      'StrictModes no',
      'PermitRootLogin prohibit-password',
      'Subsystem sftp internal-sftp',
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
  );
  // As root, sshd needs its privilege-separation directory; a fresh machine has it only after sshd ran once.
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  await run(sshd, ['-t', '-f', config]).catch((err: Error & { stderr?: string }) => {
    throw new Error(`sshd refuses the test configuration ${config}: ${err.stderr?.trim() || err.message}`);
  });

  let output = '';
  let listener: ChildProcess | undefined;
  const start = async () => {
    // sshd must be started by its absolute path, so that it can re-execute itself for each connection.
    const child = spawn(sshd, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    listener = child;
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      output = (output + chunk).slice(-64 * 1024);
    });
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code, signal) => reject(new Error(`sshd exited (${signal ?? code}) on start:\n${output}`))),
    );
    exited.catch(() => {});
    const deadline = Date.now() + 10_000;
    while (!(await Promise.race([accepts(port), exited]))) {
      if (Date.now() > deadline) throw new Error(`sshd does not accept connections on port ${port} after 10 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const end = async (signal: NodeJS.Signals) => {
    const child = listener;
    listener = undefined;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // A paused server would not act on the signal.
    await signalTree(child.pid, 'SIGCONT');
    await signalTree(child.pid, signal);
    await exited;
  };

  await start();
  return {
    host: '127.0.0.1',
    port,
    username: userInfo().username,
    privateKeyFile,
    hostKeySha256,
    root,
    newClientKey,
    log: () => output,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
    restart: async () => {
      await end('SIGTERM');
      await start();
    },
    pause: () => signalTree(listener!.pid!, 'SIGSTOP'),
    resume: () => signalTree(listener!.pid!, 'SIGCONT'),
  };
}
