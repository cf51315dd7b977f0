/**
 * The contract's JSDoc, read from its source with the TypeScript compiler API: the JSDoc
 * stays the one home of every description (the editor shows it, the document repeats it),
 * and zod schemas carry none at run time. Runs only when the document is generated.
 *
 * It answers each operation's comment and feature file, each feature file's opening
 * comment, and descriptions tied to the schema values they document: a commented
 * `const` gives its schema a description, a commented field of a `z.object({…})` gives
 * that object's property one.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import ts from 'typescript';
import { z } from 'zod';

export interface OperationDoc {
  readonly description: string;
  /** The feature file it is declared in (`trackers` for contract/trackers.ts). */
  readonly tag: string;
}

export interface ContractDocs {
  readonly operations: ReadonlyMap<string, OperationDoc>;
  /** Each feature file with its opening comment, in the order given. */
  readonly tags: readonly { readonly name: string; readonly description: string }[];
  /** A schema's own description (the comment on the `const` that holds it). */
  readonly schemas: ReadonlyMap<z.ZodType, string>;
  /** The descriptions of an object schema's properties (comments on its fields). */
  readonly properties: ReadonlyMap<z.ZodType, ReadonlyMap<string, string>>;
}

interface Declaration {
  readonly initializer: ts.Expression;
  readonly doc: string | undefined;
}

interface ParsedFile {
  readonly tag: string;
  readonly source: ts.SourceFile;
  readonly consts: ReadonlyMap<string, Declaration>;
}

/** The schemas an operation's comment pairs with: its entry of the contract at run time. */
export interface RuntimeOperation {
  readonly input: z.ZodType;
  readonly output: z.ZodType;
}

const docOf = (node: ts.Node): string | undefined => {
  const texts = ts
    .getJSDocCommentsAndTags(node)
    .filter((item): item is ts.JSDoc => ts.isJSDoc(item))
    .map((item) => ts.getTextOfJSDocComment(item.comment)?.trim() ?? '')
    .filter((text) => text !== '');
  return texts.length > 0 ? texts.join('\n\n') : undefined;
};

/** The first comment of a file when it is the file's own (not one on its first statement). */
function fileDocOf(source: ts.SourceFile): string {
  const first = source.statements[0];
  if (!first) return '';
  const docs = ts.getJSDocCommentsAndTags(first).filter((item): item is ts.JSDoc => ts.isJSDoc(item));
  // The file's comment is followed by a statement with a comment of its own or by an import.
  const own = docs.length > 1 || ts.isImportDeclaration(first) ? docs[0] : undefined;
  return own ? (ts.getTextOfJSDocComment(own.comment)?.trim() ?? '') : '';
}

function parseFile(path: string): ParsedFile {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2023, true);
  const consts = new Map<string, Declaration>();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.initializer) {
        consts.set(declaration.name.text, { initializer: declaration.initializer, doc: docOf(declaration) });
      }
    }
  }
  return { tag: basename(path, '.ts'), source, consts };
}

const unwrapExpression = (node: ts.Expression): ts.Expression =>
  ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) ? unwrapExpression(node.expression) : node;

const isZ = (node: ts.Expression): boolean => ts.isIdentifier(node) && node.text === 'z';

/** Schema methods whose result wraps the schema they are called on (`.nullable()`…). */
const WRAPPERS = new Set(['nullable', 'optional', 'default', 'readonly', 'nullish']);

const unwrapped = (schema: z.ZodType): z.ZodType | null => {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault || schema instanceof z.ZodReadonly) {
    return schema.unwrap() as z.ZodType;
  }
  return null;
};

/**
 * Walks a schema's source expression and its run-time value together, so that a comment
 * found in the source lands on the value it documents.
 */
class Pairing {
  readonly schemas = new Map<z.ZodType, string>();
  readonly properties = new Map<z.ZodType, Map<string, string>>();
  readonly #visited = new Map<z.ZodType, Set<string>>();

  constructor(readonly files: readonly ParsedFile[]) {}

  pair(node: ts.Expression, schema: z.ZodType, file: ParsedFile): void {
    const expression = unwrapExpression(node);
    if (ts.isIdentifier(expression)) return this.#pairConst(expression.text, schema, file);
    if (!ts.isCallExpression(expression) || !ts.isPropertyAccessExpression(expression.expression)) return;
    const { name, expression: target } = expression.expression;
    const method = name.text;
    const [first, second] = expression.arguments;
    if (isZ(target)) {
      if (method === 'object' && first && schema instanceof z.ZodObject) return this.#pairFields(first, schema, file);
      if (method === 'array' && first && schema instanceof z.ZodArray) return this.pair(first, schema.element as z.ZodType, file);
      const members = method === 'union' ? first : method === 'discriminatedUnion' ? second : undefined;
      if (members && ts.isArrayLiteralExpression(members) && schema instanceof z.ZodUnion) {
        const options = schema.options as readonly z.ZodType[];
        members.elements.forEach((element, index) => {
          const option = options[index];
          if (option && !ts.isSpreadElement(element)) this.pair(element, option, file);
        });
      }
      return;
    }
    if (method === 'extend' && first && schema instanceof z.ZodObject) return this.#pairFields(first, schema, file);
    if (WRAPPERS.has(method)) {
      const inner = unwrapped(schema);
      if (inner) this.pair(target, inner, file);
      return;
    }
    // A check or refinement (`.min()`, `.strict()`…): same kind of schema, same fields.
    this.pair(target, schema, file);
  }

  #pairFields(literal: ts.Expression, schema: z.ZodObject, file: ParsedFile): void {
    if (!ts.isObjectLiteralExpression(literal)) return;
    const shape = schema.shape as Record<string, z.ZodType>;
    for (const property of literal.properties) {
      if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) continue;
      const key = property.name.getText(file.source);
      const field = shape[key];
      if (!field) continue;
      const doc = docOf(property);
      if (doc) {
        const known = this.properties.get(schema) ?? new Map<string, string>();
        known.set(key, doc);
        this.properties.set(schema, known);
      }
      this.pair(ts.isPropertyAssignment(property) ? property.initializer : property.name, field, file);
    }
  }

  /** A name: the `const` of this file, else the exported one of any contract file. */
  #pairConst(name: string, schema: z.ZodType, file: ParsedFile): void {
    const owner = file.consts.has(name) ? file : this.files.find((candidate) => candidate.consts.has(name));
    const declaration = owner?.consts.get(name);
    if (!owner || !declaration) return;
    if (declaration.doc && !this.schemas.has(schema)) this.schemas.set(schema, declaration.doc);
    const visit = `${owner.tag}:${name}`;
    // Each `const` is walked once per value (`.partial()` of it is another value).
    const seen = this.#visited.get(schema) ?? new Set<string>();
    if (seen.has(visit)) return;
    this.#visited.set(schema, seen.add(visit));
    this.pair(declaration.initializer, schema, owner);
  }
}

/**
 * Reads the contract's feature files (`paths`) and pairs their comments with the run-time
 * contract (`contract`: each operation's schemas, as `contract.ts` exports them).
 */
export function readContractDocs(paths: readonly string[], contract: Readonly<Record<string, RuntimeOperation>>): ContractDocs {
  const files = paths.map(parseFile);
  const pairing = new Pairing(files);
  const operations = new Map<string, OperationDoc>();
  for (const file of files) {
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAssignment(node) && ts.isCallExpression(node.initializer) && ts.isIdentifier(node.initializer.expression) && node.initializer.expression.text === 'op') {
        const name = node.name.getText(file.source);
        const runtime = contract[name];
        const [input, output] = node.initializer.arguments;
        if (runtime && input && output) {
          operations.set(name, { description: docOf(node) ?? '', tag: file.tag });
          pairing.pair(input, runtime.input, file);
          pairing.pair(output, runtime.output, file);
        }
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(file.source);
  }
  const tags = files.filter((file) => [...operations.values()].some((doc) => doc.tag === file.tag)).map((file) => ({ name: file.tag, description: fileDocOf(file.source) }));
  return { operations, tags, schemas: pairing.schemas, properties: pairing.properties };
}
