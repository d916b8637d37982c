import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SecureVersion } from 'node:tls';

/** PEM files of one certificate and its private key. */
export interface CertificateFiles {
  cert: string;
  key: string;
}

/** A throwaway PKI for TLS tests; every entry is the path of a PEM file. */
export interface TestPki {
  dir: string;
  /** The CA that both sides trust. */
  ca: string;
  /** A CA nobody trusts. */
  wrongCa: string;
  /** For `localhost` and 127.0.0.1, issued by `ca`. */
  server: CertificateFiles;
  /** For `localhost` and 127.0.0.1, issued by `wrongCa`. */
  wrongCaServer: CertificateFiles;
  client: CertificateFiles;
  wrongCaClient: CertificateFiles;
  /** Issued by `ca`, valid only in 2020. */
  expiredClient: CertificateFiles;
  /** Issued by `ca`, and listed in `crl`. */
  revokedClient: CertificateFiles;
  /** `ca`'s certificate revocation list. */
  crl: string;
}

interface TestCa {
  dir: string;
  cert: string;
  key: string;
  config: string;
}

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function newKey(path: string): string {
  openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', path);
  return path;
}

// A config of our own, so that the distribution's openssl.cnf adds nothing unexpected.
function caConfig(dir: string): string {
  return `[ca]
default_ca = test_ca

[test_ca]
database = ${dir}/index.txt
new_certs_dir = ${dir}/issued
serial = ${dir}/serial
crlnumber = ${dir}/crlnumber
certificate = ${dir}/ca.pem
private_key = ${dir}/ca.key
default_md = sha256
default_days = 30
default_crl_days = 30
policy = any_name
unique_subject = no

[any_name]
commonName = supplied

[req]
distinguished_name = empty_dn

[empty_dn]

[ca_cert]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[server_cert]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
authorityKeyIdentifier = keyid

[client_cert]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
authorityKeyIdentifier = keyid
`;
}

function createCa(dir: string, name: string): TestCa {
  mkdirSync(join(dir, 'issued'), { recursive: true });
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  writeFileSync(join(dir, 'crlnumber'), '1000\n');
  const ca = { dir, cert: join(dir, 'ca.pem'), key: newKey(join(dir, 'ca.key')), config: join(dir, 'openssl.cnf') };
  writeFileSync(ca.config, caConfig(dir));
  const subject = ['-key', ca.key, '-subj', `/CN=${name}`];
  openssl('req', '-config', ca.config, '-x509', '-new', ...subject, '-days', '30', '-extensions', 'ca_cert', '-out', ca.cert);
  return ca;
}

/** Issues a certificate; `validity` in openssl's YYMMDDHHMMSSZ form places it in the past or future. */
function issue(
  ca: TestCa,
  name: string,
  profile: 'server_cert' | 'client_cert',
  validity?: { from: string; until: string },
): CertificateFiles {
  const base = join(ca.dir, name);
  const key = newKey(`${base}.key`);
  openssl('req', '-config', ca.config, '-new', '-key', key, '-subj', `/CN=${name}`, '-out', `${base}.csr`);
  const dates = validity ? ['-startdate', validity.from, '-enddate', validity.until] : [];
  openssl('ca', '-config', ca.config, '-batch', '-notext', '-extensions', profile, ...dates, '-in', `${base}.csr`, '-out', `${base}.pem`);
  return { cert: `${base}.pem`, key };
}

function revoke(ca: TestCa, certificate: CertificateFiles): void {
  openssl('ca', '-config', ca.config, '-revoke', certificate.cert);
}

function revocationList(ca: TestCa): string {
  const path = join(ca.dir, 'crl.pem');
  openssl('ca', '-config', ca.config, '-gencrl', '-out', path);
  return path;
}

/**
 * Creates a CA, an unrelated "wrong" CA, and server and client certificates for the cases a TLS
 * test needs, with the `openssl` command line tool. EC P-256 keys, because they are quick to make.
 */
export function createTestPki(dir = mkdtempSync(join(tmpdir(), 'amtsbote-pki-')), clientName = 'amtsbote-delivery'): TestPki {
  const ca = createCa(join(dir, 'ca'), 'Amtsbote Test CA');
  const wrongCa = createCa(join(dir, 'wrong-ca'), 'Unrelated Test CA');
  const revokedClient = issue(ca, `${clientName}-revoked`, 'client_cert');
  revoke(ca, revokedClient);
  return {
    dir,
    ca: ca.cert,
    wrongCa: wrongCa.cert,
    server: issue(ca, 'localhost', 'server_cert'),
    wrongCaServer: issue(wrongCa, 'localhost', 'server_cert'),
    client: issue(ca, clientName, 'client_cert'),
    wrongCaClient: issue(wrongCa, clientName, 'client_cert'),
    expiredClient: issue(ca, `${clientName}-expired`, 'client_cert', { from: '200101000000Z', until: '201231000000Z' }),
    revokedClient,
    crl: revocationList(ca),
  };
}

export interface TlsServerOptions {
  pki: TestPki;
  /** The server's certificate; `pki.server` unless given. */
  certificate?: CertificateFiles;
  /** Require a client certificate issued by `pki.ca` (mTLS). */
  requestCert?: boolean;
  /** A CRL the client certificate is checked against. */
  crl?: string;
  minVersion?: SecureVersion;
  maxVersion?: SecureVersion;
  /** OpenSSL cipher list, e.g. `DEFAULT@SECLEVEL=0` to allow TLS 1.0/1.1 at all. */
  ciphers?: string;
  /** Answers each request; `201 {"receiptId":"r-1"}` unless given. */
  handler?: (req: IncomingMessage, res: ServerResponse) => void;
}

/** An HTTPS back office on a free loopback port. */
export interface TlsServer {
  /** `https://127.0.0.1:<port>/xoev/messages` */
  url: string;
  server: Server;
  /** How many TLS handshakes completed so far. */
  readonly secureConnections: number;
  close(): Promise<void>;
}

/** Starts an HTTPS server on 127.0.0.1 with certificates of the test PKI. */
export async function startTlsServer(options: TlsServerOptions): Promise<TlsServer> {
  const { pki, certificate = pki.server } = options;
  const handler =
    options.handler ?? ((_req, res) => res.writeHead(201, { 'content-type': 'application/json' }).end('{"receiptId":"r-1"}'));
  const server = createServer(
    {
      cert: readFileSync(certificate.cert),
      key: readFileSync(certificate.key),
      ca: options.requestCert ? readFileSync(pki.ca) : undefined,
      requestCert: options.requestCert ?? false,
      rejectUnauthorized: true,
      crl: options.crl ? readFileSync(options.crl) : undefined,
      minVersion: options.minVersion,
      maxVersion: options.maxVersion,
      ciphers: options.ciphers,
    },
    handler,
  );
  let secureConnections = 0;
  server.on('secureConnection', () => secureConnections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/xoev/messages`,
    server,
    get secureConnections() {
      return secureConnections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
