/**
 * A real SMTP server on a free loopback port (smtp-server), recording what reaches it: each
 * connection, each login tried, each mail parsed back with mailparser. A mail is parsed
 * before the server answers its DATA, so by the time `sendMail` resolves it is in `mails`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, beforeAll } from 'vitest';

export const TEST_USER = 'me@example.com';
export const TEST_PASSWORD = 'correct horse battery';

export interface ReceivedMail {
  readonly mail: ParsedMail;
  /** Whether the session was encrypted when the mail came (TLS from the start or after STARTTLS). */
  readonly secure: boolean;
  /** Who had logged in, if anyone. */
  readonly user: string | undefined;
}

export interface TestSmtpServer {
  readonly port: number;
  readonly mails: ReceivedMail[];
  /** Every login tried, right or wrong: `user` names. */
  readonly logins: string[];
  /** Connections accepted (counted before the greeting). */
  connections(): number;
  close(): Promise<void>;
}

export interface TestCertificate {
  readonly key: string;
  readonly cert: string;
}

/**
 * A self-signed certificate for `localhost` and 127.0.0.1, valid for two days, made by the
 * `openssl` command (node:crypto cannot sign one; smtp-server's built-in one has expired).
 */
export async function selfSignedCertificate(): Promise<TestCertificate> {
  const dir = await mkdtemp(join(tmpdir(), 'qs-smtp-cert-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    await promisify(execFile)('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ]).catch((error: unknown) => {
      throw new Error(`The mail tests make a TLS certificate with the openssl command, which failed (is it installed?): ${String(error)}`);
    });
    return { key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const listen = (server: { listen(port: number, host: string, callback: () => void): unknown }): Promise<void> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

/**
 * Starts a server that takes TEST_USER / TEST_PASSWORD and any mail; `options` override
 * (secure, disabledCommands, onRcptTo…). Plain logins are allowed only when the options say so.
 */
export async function startSmtpServer(certificate: TestCertificate, options: SMTPServerOptions = {}): Promise<TestSmtpServer> {
  const mails: ReceivedMail[] = [];
  const logins: string[] = [];
  let connections = 0;
  const server = new SMTPServer({
    key: certificate.key,
    cert: certificate.cert,
    logger: false,
    disableReverseLookup: true,
    // What a client left open is cut at once when the test closes the server.
    closeTimeout: 1,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onAuth(auth, _session, callback) {
      logins.push(auth.username ?? '');
      if (auth.username === TEST_USER && auth.password === TEST_PASSWORD) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          mails.push({ mail, secure: session.secure, user: typeof session.user === 'string' ? session.user : undefined });
          callback();
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
    ...options,
  });
  // A client dropping a connection mid-handshake is what several tests do on purpose.
  server.on('error', () => {});
  await listen(server);
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    mails,
    logins,
    connections: () => connections,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A TCP server that accepts connections and never says a word: a mail server that never greets. */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await listen(server);
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on: bound once to get a free number, then closed. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await listen(server);
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Loopback SMTP servers for a test file: one throwaway certificate, servers closed after each test. */
export interface SmtpServers {
  /** The certificate the servers present (read inside a test: it is made in `beforeAll`). */
  readonly certificate: TestCertificate;
  start(options?: SMTPServerOptions): Promise<TestSmtpServer>;
  /** Close another server (a silent one) after the test too. */
  track<S extends { close(): Promise<void> }>(server: S): S;
}

export function useSmtpServers(): SmtpServers {
  let certificate: TestCertificate | undefined;
  const open: { close(): Promise<void> }[] = [];
  beforeAll(async () => {
    certificate = await selfSignedCertificate();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((server) => server.close()));
  });
  const servers: SmtpServers = {
    get certificate() {
      if (certificate === undefined) throw new Error('The certificate is made in beforeAll; read it inside a test.');
      return certificate;
    },
    start: async (options = {}) => servers.track(await startSmtpServer(servers.certificate, options)),
    track: (server) => (open.push(server), server),
  };
  return servers;
}
