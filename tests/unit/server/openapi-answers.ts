/**
 * Holds HTTP answers to the API's OpenAPI 3.1 document: the status must be one the
 * operation lists, the Content-Type one of that answer's media types, its headers those
 * the document describes, and the body valid under the answer's schema. Schemas are
 * checked by Ajv in its JSON Schema 2020-12 mode, the dialect of OpenAPI 3.1 (the
 * OpenAPI-specific validators on npm compile 3.1 schemas as draft-07 or draft-04); the
 * document is added whole, so every `$ref` resolves inside it as it would for a client.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';

type Json = Record<string, unknown>;

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

export interface DocumentOperation {
  readonly operationId: string;
  readonly verb: string;
  /** The document's path template (`/api/trackers/{trackerId}`). */
  readonly path: string;
  readonly operation: Json;
}

const VERBS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const DOCUMENT_ID = 'https://quantified-self.invalid/openapi.json';
/** Headers of the API's own meaning: an answer that sends one the document does not describe has drifted. */
const API_HEADERS = ['idempotent-replayed', 'retry-after'];

const pointer = (...segments: string[]): string => segments.map((segment) => segment.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

export class AnswerChecker {
  readonly operations: ReadonlyMap<string, DocumentOperation>;
  readonly #document: Json;
  readonly #ajv = new Ajv2020({ strict: false, allErrors: true });
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(document: Json) {
    this.#document = document;
    this.#ajv.addSchema({ ...document, $id: DOCUMENT_ID });
    const operations = new Map<string, DocumentOperation>();
    for (const [path, item] of Object.entries(document.paths as Record<string, Json>)) {
      for (const verb of VERBS) {
        const operation = item[verb] as Json | undefined;
        if (operation) operations.set(operation.operationId as string, { operationId: operation.operationId as string, verb: verb.toUpperCase(), path, operation });
      }
    }
    this.operations = operations;
  }

  /** What is wrong with `answer` as an answer of `operationId`; empty when it conforms. */
  problems(operationId: string, answer: Answer): string[] {
    const found = this.operations.get(operationId);
    if (!found) return [`${operationId} is not in the document`];
    const responses = found.operation.responses as Record<string, Json>;
    const key = String(answer.status) in responses ? String(answer.status) : 'default';
    const declared = responses[key];
    if (!declared) return [`${operationId} answered ${answer.status}, which the document does not list (${Object.keys(responses).join(', ')})`];
    const response = this.#resolve(declared);
    const problems: string[] = [...this.#headerProblems(response, answer)];
    const contentType = answer.headers.get('content-type') ?? '';
    const mediaType = contentType.split(';')[0]?.trim() ?? '';
    const content = response.content as Record<string, Json> | undefined;
    if (!content || !(mediaType in content)) {
      return [...problems, `${operationId} ${answer.status}: Content-Type ${contentType || '(none)'} is not one of ${Object.keys(content ?? {}).join(', ') || '(no body)'}`];
    }
    const base = typeof declared.$ref === 'string' ? `${declared.$ref}` : `#/${pointer('paths', found.path, found.verb.toLowerCase(), 'responses', key)}`;
    const validate = this.#validator(`${base}/${pointer('content', mediaType, 'schema')}`);
    let body: unknown = answer.body;
    if (mediaType === 'application/json') {
      try {
        body = JSON.parse(answer.body);
      } catch {
        return [...problems, `${operationId} ${answer.status}: the body is not JSON`];
      }
    }
    if (!validate(body)) {
      problems.push(...(validate.errors ?? []).map((error) => `${operationId} ${answer.status}: body${error.instancePath} ${error.message ?? ''} ${JSON.stringify(error.params)}`));
    }
    return problems;
  }

  #headerProblems(response: Json, answer: Answer): string[] {
    const declared = new Map(Object.entries((response.headers as Record<string, Json> | undefined) ?? {}).map(([name, header]) => [name.toLowerCase(), this.#resolve(header)]));
    const problems: string[] = [];
    for (const [name, header] of declared) {
      const value = answer.headers.get(name);
      if (value === null) {
        if (header.required === true) problems.push(`header ${name} is missing`);
        continue;
      }
      const schema = header.schema as Json | undefined;
      if (schema && !this.#ajv.validate(schema, value)) problems.push(`header ${name}: ${this.#ajv.errorsText()}`);
    }
    for (const name of API_HEADERS) if (answer.headers.has(name) && !declared.has(name)) problems.push(`header ${name} is sent but not in the document`);
    return problems;
  }

  /** A Response or Header object, following its `$ref` within the document. */
  #resolve(item: Json): Json {
    const ref = item.$ref;
    if (typeof ref !== 'string') return item;
    let target: unknown = this.#document;
    for (const segment of ref.replace(/^#\//, '').split('/')) target = (target as Json)[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
    return this.#resolve(target as Json);
  }

  /** The validator of the schema at `fragment` (a JSON pointer into the document, `#/…`). */
  validatorAt(fragment: string): ValidateFunction {
    return this.#validator(fragment);
  }

  #validator(fragment: string): ValidateFunction {
    const cached = this.#compiled.get(fragment);
    if (cached) return cached;
    const validate = this.#ajv.compile({ $ref: `${DOCUMENT_ID}${fragment}` });
    this.#compiled.set(fragment, validate);
    return validate;
  }
}
