/**
 * docs/openapi.yaml is what the contract generates, describes every operation, and is what
 * the server serves; its examples fit their operations.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../../src-preload/contract';
import { API_METHODS, OPERATIONS } from '../../../src-preload/operations';
import { EXAMPLES } from '../../../src-main/server/openapi/examples';
import { DOCUMENT_PATH, generateDocument, REGENERATE_COMMAND, toYaml } from '../../../src-main/server/openapi/generate';
import { AnswerChecker } from './openapi-answers';
import { ApiUnderTest, ROOT } from './openapi-client';

const committed = readFileSync(join(ROOT, DOCUMENT_PATH), 'utf8');
const generated = toYaml(generateDocument(ROOT));
interface DocumentShape {
  paths: Record<string, Record<string, { operationId: string; description: string; security?: unknown[] }>>;
  tags: { name: string; description: string }[];
  components: { schemas: Record<string, { description?: string; properties?: Record<string, { description?: string }> }> };
}
const document = yaml.load(committed) as DocumentShape;
const operationsOf = (doc: typeof document) => Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([verb, operation]) => ({ path, verb, ...operation })));

describe('docs/openapi.yaml', () => {
  it('is what the contract generates', () => {
    // Compared whole: a change of the contract, its JSDoc or the generator shows up here.
    expect(committed === generated, `${DOCUMENT_PATH} differs from what the contract generates: run \`${REGENERATE_COMMAND}\` and commit it.`).toBe(true);
  });

  it('has every operation of the contract at its route, with its JSDoc, and the public ones without a token', () => {
    const operations = operationsOf(document);
    for (const method of API_METHODS) {
      const operation = operations.find((candidate) => candidate.operationId === method);
      const [verb = '', path = ''] = OPERATIONS[method].route.split(' ');
      expect(operation, method).toMatchObject({ verb: verb.toLowerCase(), path: path.replace(/:(\w+)/g, '{$1}') });
      expect(operation?.description, method).not.toBe('');
      const rule = OPERATIONS[method].session;
      expect(operation?.security, method).toEqual(rule === 'session' || rule === 'closes' ? undefined : []);
    }
    expect(operations.map(({ operationId }) => operationId).sort()).toEqual([...API_METHODS, 'openApiJson', 'openApiYaml'].sort());
  });

  it('carries the contract’s JSDoc: on operations, feature files, named schemas and their fields', () => {
    const { schemas } = document.components;
    expect(schemas.Settings?.properties?.autoLockMinutes?.description).toBe('Lock after this many idle minutes; 0 = never.');
    expect(schemas.StayUnlocked?.description).toBe('"Stay unlocked on this computer": only the desktop app with a real OS keychain offers it.');
    expect(schemas.SignUpRequest?.properties?.timeZone?.description).toBe("The person's IANA time zone; defaults to UTC.");
    expect(document.tags.find((tag) => tag.name === 'trackers')?.description).toMatch(/^Trackers: what a person watches/);
  });

  it('holds its own examples: each request and answer example is valid under its schema', () => {
    const checker = new AnswerChecker(document as unknown as Record<string, unknown>);
    for (const { operationId, path, verb } of checker.operations.values()) {
      const at = `#/paths/${path.replace(/\//g, '~1')}/${verb.toLowerCase()}`;
      const operation = document.paths[path]?.[verb.toLowerCase()] as unknown as {
        requestBody?: { content: { 'application/json': { example: unknown } } };
        responses: Record<string, { content?: Record<string, { example?: unknown }> }>;
      };
      if (operation.requestBody) {
        const validate = checker.validatorAt(`${at}/requestBody/content/application~1json/schema`);
        expect(validate(operation.requestBody.content['application/json'].example), `${operationId} request: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
      const answer = operation.responses['200']?.content?.['application/json'];
      if (answer?.example !== undefined) {
        const validate = checker.validatorAt(`${at}/responses/200/content/application~1json/schema`);
        expect(validate(answer.example), `${operationId} answer: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
    }
  });

  it('gives examples that the contract accepts, and answers it could give', () => {
    for (const method of API_METHODS) {
      expect(contract[method].input.safeParse(EXAMPLES[method].input).error, method).toBeUndefined();
      expect(contract[method].output.safeParse(EXAMPLES[method].value).error, method).toBeUndefined();
    }
  });
});

describe('the served document', () => {
  let api: ApiUnderTest;
  beforeAll(async () => {
    api = await ApiUnderTest.start();
  });
  afterAll(async () => {
    await api.close();
  });

  it('is the committed file, as YAML and as JSON, without a token', async () => {
    const asYaml = await fetch(new URL('/api/openapi.yaml', api.server.url));
    expect(asYaml.status).toBe(200);
    expect(asYaml.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
    expect(await asYaml.text()).toBe(committed);
    const asJson = await fetch(new URL('/api/openapi.json', api.server.url));
    expect(asJson.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await asJson.json()).toEqual(document);
  });

  it('is refused to other web sites like the rest of the API', async () => {
    const foreign = await fetch(new URL('/api/openapi.json', api.server.url), { headers: { Origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
  });
});
