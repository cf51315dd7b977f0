/**
 * Calls the API by the document's operation ids over a real server and real core in a temp
 * data folder, and checks every answer against the document (openapi-answers.ts). Shared by
 * the conformance test and the fuzz.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { openCore, type Core } from '../../../src-main/core/index';
import { DOCUMENT_PATH } from '../../../src-main/server/openapi/generate';
import { AnswerChecker, type Answer } from './openapi-answers';
import { startTestServer, type TestServer } from './server-harness';

export const CHEAP_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const loadDocument = (): Record<string, unknown> => yaml.load(readFileSync(join(ROOT, DOCUMENT_PATH), 'utf8')) as Record<string, unknown>;

export interface Call {
  readonly params?: Readonly<Record<string, string>>;
  /** A value is sent as JSON; a string as it is (malformed bodies). */
  readonly body?: unknown;
  readonly token?: string | null;
  readonly headers?: Readonly<Record<string, string>>;
  /** Path parameters put in as they are, not percent-encoded (a broken escape). */
  readonly raw?: boolean;
}

export interface CheckedAnswer extends Answer {
  /** The body as JSON, when it is. */
  readonly json: { ok?: boolean; value?: unknown; token?: string; error?: { code: string } } | null;
  /** What the document finds wrong with it. */
  readonly problems: string[];
}

function parseJson(text: string): CheckedAnswer['json'] {
  try {
    return JSON.parse(text) as CheckedAnswer['json'];
  } catch {
    return null;
  }
}

export class ApiUnderTest {
  readonly checker: AnswerChecker;
  /** Each operation called, with the statuses it answered. */
  readonly walked = new Map<string, Set<number>>();

  private constructor(
    readonly server: TestServer,
    readonly core: Core,
    readonly dataDir: string,
    document: Record<string, unknown>,
  ) {
    this.checker = new AnswerChecker(document);
  }

  static async start(document = loadDocument()): Promise<ApiUnderTest> {
    const dataDir = await mkdtemp(join(tmpdir(), 'qs-openapi-'));
    const core = await openCore({ dataDir, scrypt: CHEAP_SCRYPT });
    const server = await startTestServer(core.handlers);
    return new ApiUnderTest(server, core, dataDir, document);
  }

  async close(): Promise<void> {
    await this.server.close();
    await this.core.close();
    await rm(this.dataDir, { recursive: true, force: true });
  }

  /** The request path of an operation, its parameters filled in (encoded). */
  pathOf(operationId: string, params: Readonly<Record<string, string>> = {}, raw = false): string {
    const found = this.checker.operations.get(operationId);
    if (!found) throw new Error(`${operationId} is not in the document`);
    return found.path.replace(/\{(\w+)\}/g, (_all, name: string) => raw ? (params[name] ?? '') : encodeURIComponent(params[name] ?? ''));
  }

  async call(operationId: string, call: Call = {}): Promise<CheckedAnswer> {
    const found = this.checker.operations.get(operationId);
    if (!found) throw new Error(`${operationId} is not in the document`);
    const response = await fetch(new URL(this.pathOf(operationId, call.params, call.raw), this.server.url), {
      method: found.verb,
      headers: {
        ...(call.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(call.token ? { Authorization: `Bearer ${call.token}` } : {}),
        ...call.headers,
      },
      ...(call.body === undefined ? {} : { body: typeof call.body === 'string' ? call.body : JSON.stringify(call.body) }),
    });
    const answer: Answer = { status: response.status, headers: response.headers, body: await response.text() };
    this.walked.set(operationId, (this.walked.get(operationId) ?? new Set()).add(answer.status));
    return { ...answer, json: parseJson(answer.body), problems: this.checker.problems(operationId, answer) };
  }
}
