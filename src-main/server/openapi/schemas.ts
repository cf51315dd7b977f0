/**
 * The contract's zod schemas as JSON Schema 2020-12 (the dialect of OpenAPI 3.1), with zod's
 * own `z.toJSONSchema`: request bodies in zod's input view (defaults make fields optional,
 * unknown fields are dropped, so they are allowed), answers in its output view (exactly
 * these fields). Named schemas of the contract that answers share (`trackerSchema` →
 * `Tracker`) become components the answers refer to.
 */
import { z } from 'zod';
import { ERROR_CODES, type AppError } from '../../../src-preload/contract';
import type { ContractDocs } from './contract-docs';

export type JsonSchema = Record<string, unknown>;

const COMPONENT_PREFIX = '#/components/schemas/';
export const refTo = (name: string): JsonSchema => ({ $ref: `${COMPONENT_PREFIX}${name}` });

export const pascalCase = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

/** `trackerSchema` → `Tracker`: the contract's names for its shared schemas. */
const componentNameOf = (exportName: string): string | null => (exportName.endsWith('Schema') ? pascalCase(exportName.slice(0, -'Schema'.length)) : null);

/**
 * The error of a failed answer. `AppError` is an interface in the contract (the core builds
 * errors, nothing parses them); this schema is checked against it by the compiler.
 */
const errorCodeSchema = z.enum(ERROR_CODES);
const fieldIssueSchema = z.object({ code: errorCodeSchema, message: z.string(), field: z.string() });
export const appErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  field: z.string().optional(),
  issues: z.array(fieldIssueSchema).optional(),
}) satisfies z.ZodType<AppError>;

export interface SchemaSources {
  /** The contract module's exports: the named schemas are found among them. */
  readonly exports: Readonly<Record<string, unknown>>;
  readonly docs: ContractDocs;
}

/** Collects descriptions from the JSDoc onto the JSON Schema zod makes of each value. */
function describer(docs: ContractDocs, aliases: ReadonlyMap<z.ZodType, z.ZodType>) {
  return ({ zodSchema, jsonSchema }: { zodSchema: unknown; jsonSchema: JsonSchema }): void => {
    const schema = zodSchema as z.ZodType;
    const own = docs.schemas.get(schema);
    if (own !== undefined && jsonSchema.description === undefined && jsonSchema.$ref === undefined) jsonSchema.description = own;
    const fields = docs.properties.get(aliases.get(schema) ?? schema);
    const properties = jsonSchema.properties as Record<string, JsonSchema> | undefined;
    if (!fields || !properties) return;
    for (const [key, description] of fields) {
      // A copy: zod hands one object to every place a reused schema is inlined.
      if (properties[key]) properties[key] = { ...properties[key], description };
    }
  };
}

/** Each value named `…Schema` among the exports, by its component name. */
function namedSchemas(exports: Readonly<Record<string, unknown>>): Map<z.ZodType, string> {
  const named = new Map<z.ZodType, string>();
  // Sorted: a module namespace lists its exports in an order that differs between loaders.
  for (const [exportName, value] of Object.entries(exports).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const name = componentNameOf(exportName);
    if (name !== null && value instanceof z.ZodType && !named.has(value)) named.set(value, name);
  }
  return named;
}

/** Every schema value a schema is made of (itself included). */
function partsOf(schema: z.ZodType): Set<unknown> {
  const parts = new Set<unknown>();
  z.toJSONSchema(schema, { io: 'output', override: ({ zodSchema }) => void parts.add(zodSchema) });
  return parts;
}

/**
 * Converts a registry of schemas (each with its component `id`) into components. Zod
 * writes each one with a `$id`; in a document the component's place is its name.
 */
function toComponents(registry: z.core.$ZodRegistry<{ id: string }>, io: 'input' | 'output', override: ReturnType<typeof describer>): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(registry, { io, target: 'draft-2020-12', uri: (id) => `${COMPONENT_PREFIX}${id}`, override });
  const components: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $id: _id, $schema: _schema, ...rest } = schema as JsonSchema;
    components[id] = rest;
  }
  return components;
}

export interface AnswerSchemas {
  /** Component name → schema: the shared schemas and one `…Answer` per operation. */
  readonly components: Record<string, JsonSchema>;
}

/**
 * The components of the answers: `{ ok: true, value }` per operation (`extra` adds fields,
 * such as the session token of a log-in), and the contract's named schemas they share.
 */
export function answerComponents(operations: ReadonlyMap<string, { output: z.ZodType; extra?: z.core.$ZodLooseShape }>, sources: SchemaSources): AnswerSchemas {
  const registry = z.registry<{ id: string }>();
  const used = new Set<unknown>();
  for (const { output } of operations.values()) for (const part of partsOf(output)) used.add(part);
  for (const [schema, name] of namedSchemas(sources.exports)) if (used.has(schema)) registry.add(schema, { id: name });
  registry.add(appErrorSchema, { id: 'AppError' });
  registry.add(errorCodeSchema, { id: 'ErrorCode' });
  for (const [method, { output, extra }] of operations) {
    registry.add(z.object({ ok: z.literal(true), value: output, ...extra }), { id: `${pascalCase(method)}Answer` });
  }
  return { components: toComponents(registry, 'output', describer(sources.docs, new Map())) };
}

/** The components of the request bodies, one `…Request` per operation with a body, without its path parameters. */
export function requestComponents(bodies: ReadonlyMap<string, { input: z.ZodObject; pathParameters: readonly string[] }>, docs: ContractDocs): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  const aliases = new Map<z.ZodType, z.ZodType>();
  for (const [method, { input, pathParameters }] of bodies) {
    // A new value per operation (several share `empty`), which the registry needs.
    const mask: Record<string, true> = Object.fromEntries(pathParameters.map((name) => [name, true] as const));
    const body = input.omit(mask as never);
    aliases.set(body, input);
    registry.add(body, { id: `${pascalCase(method)}Request` });
  }
  return toComponents(registry, 'input', describer(docs, aliases));
}

/** One schema on its own, inline (a path parameter's). */
export function inlineSchema(schema: z.ZodType, docs: ContractDocs): JsonSchema {
  const { $schema: _schema, ...rest } = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', override: describer(docs, new Map()) }) as JsonSchema;
  return rest;
}
