/**
 * The REST API's OpenAPI 3.1 document, built from the contract alone: every operation's
 * route, session rule, schemas, JSDoc, error codes and example. Nothing here names an
 * operation, so an operation added to the contract appears once the document is generated
 * again (`npm run openapi`).
 */
import { z } from 'zod';
import { contract, type ErrorCode, type Method } from '../../../src-preload/contract';
import { API_METHODS, needsSession, OPERATIONS } from '../../../src-preload/operations';
import { DEFAULT_PORT } from '../cli-args';
import { honoursIdempotencyKey, REPLAYED_HEADER } from '../idempotency';
import type { ContractDocs } from './contract-docs';
import { DOCUMENT_ROUTES } from './document-routes';
import { EXAMPLES } from './examples';
import { errorCodesByStatus, pathOf, pathParametersOf, takesBody, verbOf } from './operation-codes';
import { answerComponents, inlineSchema, pascalCase, refTo, requestComponents, type JsonSchema } from './schemas';

export type OpenApiDocument = Record<string, unknown>;

export interface DocumentSources {
  /** The contract module's exports (its named schemas become components). */
  readonly exports: Readonly<Record<string, unknown>>;
  readonly docs: ContractDocs;
  /** The app's version, the document's `info.version`. */
  readonly version: string;
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'The request was refused: its input, or a rule of the app',
  401: 'No valid session: log in (again)',
  403: 'Refused: the request is not addressed to this server, or comes from another web site',
  404: 'The path does not name a route',
  408: 'The request body did not arrive in time',
  413: 'The request body is too large',
  422: 'The Idempotency-Key was already used for a different request',
  429: 'Too many failed attempts: wait, then try again',
  500: 'The app failed; nothing was changed',
  502: 'The mail server failed or refused',
  503: 'The app is stopping or restarting: try again shortly',
  504: 'The mail server did not answer in time',
};

/** Fields an answer carries beside its value: a log-in's session token. */
const extraAnswerFields = (method: Method): z.core.$ZodLooseShape | undefined =>
  OPERATIONS[method].session === 'opens' ? { token: z.string().meta({ description: 'The bearer token of the new session: send it as `Authorization: Bearer <token>`.' }) } : undefined;

const toOpenApiPath = (method: Method): string => pathOf(method).replace(/:([A-Za-z]+)/g, '{$1}');

const exampleBody = (method: Method): Record<string, unknown> => {
  const input = { ...(EXAMPLES[method].input as Record<string, unknown>) };
  for (const name of pathParametersOf(method)) delete input[name];
  return input;
};

function failureSchema(codes: readonly ErrorCode[]): JsonSchema {
  return {
    type: 'object',
    properties: { ok: { const: false }, error: { ...refTo('AppError'), properties: { code: { enum: codes } } } },
    required: ['ok', 'error'],
    additionalProperties: false,
  };
}

/** A failure answer with these codes. */
const failureResponse = (status: number, codes: readonly ErrorCode[]) => ({
  description: `${STATUS_TEXT[status] ?? 'Refused'}: ${codes.join(', ')}`,
  content: { 'application/json': { schema: failureSchema(codes) } },
});
/** The name a failure answer is shared under when several operations give it (`NotLoggedInOrSessionLocked`). */
const sharedNameOf = (codes: readonly ErrorCode[]): string => codes.map((code) => pascalCase(code.toLowerCase()).replace(/_(\w)/g, (_all, letter: string) => letter.toUpperCase())).join('Or');

/**
 * The failure answers that several operations give with the same codes (the Host check's,
 * a core shutting down…): written once under `components.responses`, referred to by each.
 */
function sharedFailures(): Map<string, { status: number; codes: ErrorCode[]; count: number }> {
  const shared = new Map<string, { status: number; codes: ErrorCode[]; count: number }>();
  for (const method of API_METHODS) {
    for (const [status, codes] of errorCodesByStatus(method)) {
      const name = sharedNameOf(codes);
      shared.set(name, { status, codes, count: (shared.get(name)?.count ?? 0) + 1 });
    }
  }
  return new Map([...shared].filter(([, { codes, count }]) => count > 1 && codes.length <= 3));
}

function responsesOf(method: Method, shared: ReadonlyMap<string, unknown>): Record<string, unknown> {
  const example = EXAMPLES[method];
  const answer: Record<string, unknown> = { ok: true, value: example.value };
  if (extraAnswerFields(method)) answer.token = 'q3JX2v0b8m1kS7pY4nD6wE9rT5uZ2cA0hF1gL8jN3oM';
  const replayed = honoursIdempotencyKey(method, OPERATIONS[method].session) ? { headers: { [REPLAYED_HEADER]: { $ref: '#/components/headers/IdempotentReplayed' } } } : {};
  const responses: Record<string, unknown> = {
    200: { description: 'Done', ...replayed, content: { 'application/json': { schema: refTo(`${pascalCase(method)}Answer`), example: answer } } },
  };
  for (const [status, codes] of errorCodesByStatus(method)) {
    const name = sharedNameOf(codes);
    responses[String(status)] = shared.has(name) ? { $ref: `#/components/responses/${name}` } : failureResponse(status, codes);
  }
  return responses;
}

function parametersOf(method: Method, docs: ContractDocs): unknown[] {
  const input = contract[method].input as unknown as z.ZodObject;
  const shape = input.shape as Record<string, z.ZodType>;
  const path = pathParametersOf(method).map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: shape[name] ? inlineSchema(shape[name], docs) : { type: 'string' },
    example: (EXAMPLES[method].input as Record<string, unknown>)[name],
  }));
  const idempotency = honoursIdempotencyKey(method, OPERATIONS[method].session) ? [{ $ref: '#/components/parameters/IdempotencyKey' }] : [];
  return [...path, ...idempotency];
}

function operationOf(method: Method, sources: DocumentSources, requests: Record<string, JsonSchema>, shared: ReadonlyMap<string, unknown>): Record<string, unknown> {
  const doc = sources.docs.operations.get(method);
  const description = doc?.description ?? '';
  const parameters = parametersOf(method, sources.docs);
  const requestName = `${pascalCase(method)}Request`;
  const request = requests[requestName];
  const body =
    takesBody(method) && request
      ? {
          requestBody: {
            required: Array.isArray(request.required) && request.required.length > 0,
            content: { 'application/json': { schema: refTo(requestName), example: exampleBody(method) } },
          },
        }
      : {};
  return {
    operationId: method,
    summary: description.split(/(?<=\.)\s/)[0]?.replace(/\n/g, ' ') ?? method,
    description,
    ...(doc ? { tags: [doc.tag] } : {}),
    ...(needsSession(method) ? {} : { security: [] }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...body,
    responses: responsesOf(method, shared),
  };
}

const INFO_DESCRIPTION = `The REST API of Quantified Self in browser mode (\`npm run serve\`): every operation the app's own
screens use, on 127.0.0.1. Generated from the app's contract (src-preload/contract.ts) by \`npm run openapi\`;
served by the app at \`/api/openapi.yaml\` and \`/api/openapi.json\`.

Log in with \`POST /api/session\` (or sign up with \`POST /api/profiles\`): the answer carries \`token\`;
send it as \`Authorization: Bearer <token>\`. Every answer is JSON: \`{ "ok": true, "value": … }\`, or
\`{ "ok": false, "error": { "code", "message", "field"? } }\` with the HTTP status of its code. Branch on
\`error.code\`, not on the status alone. Requests from other web sites are refused (Origin check), and so are
requests addressed to another host name (Host check).`;

/** Where a feature's first operation stands in the contract: the order its tag is listed in. */
const firstOperationOf = (tag: string, docs: ContractDocs): number => API_METHODS.findIndex((method) => docs.operations.get(method)?.tag === tag);

/** The whole document; `sources` are the contract module's exports and its JSDoc. */
export function buildDocument(sources: DocumentSources): OpenApiDocument {
  const answers = answerComponents(new Map(API_METHODS.map((method) => [method, { output: contract[method].output as z.ZodType, extra: extraAnswerFields(method) }])), sources);
  const bodies = new Map(
    API_METHODS.filter(takesBody).map((method) => [method, { input: contract[method].input as unknown as z.ZodObject, pathParameters: pathParametersOf(method) }]),
  );
  const requests = requestComponents(bodies, sources.docs);
  const shared = sharedFailures();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const method of API_METHODS) {
    const path = toOpenApiPath(method);
    paths[path] = { ...paths[path], [verbOf(method).toLowerCase()]: operationOf(method, sources, requests, shared) };
  }
  for (const [path, contentType] of Object.entries(DOCUMENT_ROUTES)) {
    const mediaType = contentType.split(';')[0] ?? contentType;
    paths[path] = {
      get: {
        operationId: mediaType === 'application/json' ? 'openApiJson' : 'openApiYaml',
        summary: `This document, as ${mediaType === 'application/json' ? 'JSON' : 'YAML'}.`,
        description: 'The document of this API, exactly as committed in docs/openapi.yaml (or its JSON). No token needed.',
        tags: ['api'],
        security: [],
        responses: {
          200: { description: 'The document', content: { [mediaType]: { schema: mediaType === 'application/json' ? { type: 'object' } : { type: 'string' } } } },
          403: { $ref: '#/components/responses/ForbiddenHostOrForbiddenOrigin' },
        },
      },
    };
  }
  const responses = Object.fromEntries([...shared].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, { status, codes }]) => [name, failureResponse(status, codes)]));
  return {
    openapi: '3.1.1',
    info: { title: 'Quantified Self API', version: sources.version, description: INFO_DESCRIPTION, license: { name: 'MIT', identifier: 'MIT' } },
    servers: [{ url: 'http://127.0.0.1:{port}', description: 'Browser mode on this machine (`--port`; the URL `npm run serve` prints)', variables: { port: { default: String(DEFAULT_PORT) } } }],
    security: [{ bearer: [] }],
    tags: [
      ...[...sources.docs.tags].sort((a, b) => firstOperationOf(a.name, sources.docs) - firstOperationOf(b.name, sources.docs)),
      { name: 'api', description: 'This document.' },
    ],
    paths,
    components: {
      schemas: { ...answers.components, ...requests },
      responses,
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'Send the same key with a retry of this write (after a dropped connection) to get the first answer again instead of a second write. 1 to 255 visible ASCII characters, bare or in double quotes; kept a day per profile.',
          schema: { type: 'string', minLength: 1, maxLength: 257 },
          example: '8e03978e-40d5-43e8-bc93-6894a57f9324',
        },
      },
      headers: {
        IdempotentReplayed: { description: 'Present (`true`) when the answer is the one given before for the same Idempotency-Key.', schema: { const: 'true' } },
      },
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'Either the `token` of a log-in or sign-up answer (it ends at log-out, lock, or after the idle time), or a personal access token (`qs_pat_…`, made by `createAccessToken`), which works with nobody logged in: a `read` token on the operations that only read, a `read-write` one also on writes; no token on the operations that manage the account or the tokens (403 TOKEN_NOT_ALLOWED).',
        },
      },
    },
  };
}
