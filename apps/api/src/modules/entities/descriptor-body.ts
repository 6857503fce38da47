import { isNode, LineCounter, parseAllDocuments, type Document } from "yaml";
import type { FieldError } from "@cartograph/contracts";
import { BadRequestError, ValidationError } from "../../errors.ts";

export const YAML_TYPES = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"];
const MAX_ALIASES = 100;
const MAX_DEPTH = 64;

export interface ParsedDocument {
  /** 0-based position of the document in the file. */
  index: number;
  value: unknown;
  /** Line and column (1-based) of the value at `path`, or of its nearest present ancestor. */
  locate(path: readonly (string | number)[]): { line: number; column: number } | undefined;
}

/**
 * Reads every document of a YAML text as Backstage does: merge keys off, duplicate keys refused,
 * empty documents skipped. Alias expansion and nesting depth are bounded, so a "billion laughs"
 * document fails fast. Syntax errors from all documents are reported together, positioned.
 */
export function parseYamlDocuments(text: string, maxDocuments: number): ParsedDocument[] {
  const lineCounter = new LineCounter();
  const all = parseAllDocuments(text, { merge: false, uniqueKeys: true, prettyErrors: false, lineCounter });
  const docs = (Array.isArray(all) ? all : []).map((doc, index) => ({ doc, index })).filter(({ doc }) => doc.contents !== null);
  if (docs.length > maxDocuments) {
    throw new BadRequestError("too_many_documents", `The body holds ${docs.length} documents; at most ${maxDocuments} are accepted per request.`);
  }
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const errors: FieldError[] = docs.flatMap(({ doc, index }) =>
    doc.errors.map((e) => ({ document: index, path: "(root)", ...position(e.pos[0]), message: e.message.split("\n")[0] ?? e.message })),
  );
  if (errors.length > 0) throw new ValidationError("The YAML could not be parsed.", errors, "invalid_yaml");

  return docs.map(({ doc, index }) => ({
    index,
    value: toValue(doc, index),
    locate: (path) => locate(doc, path, position),
  }));
}

function toValue(doc: Document, index: number): unknown {
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    throw new ValidationError("The YAML could not be read.", [{ document: index, path: "(root)", message: (error as Error).message }], "invalid_yaml");
  }
  if (depthOf(value) > MAX_DEPTH) {
    throw new ValidationError("The YAML is nested too deeply.", [{ document: index, path: "(root)", message: `nesting deeper than ${MAX_DEPTH} levels` }], "invalid_yaml");
  }
  return value;
}

function depthOf(value: unknown, depth = 0): number {
  if (depth > MAX_DEPTH || value === null || typeof value !== "object") return depth;
  let max = depth;
  for (const child of Object.values(value)) max = Math.max(max, depthOf(child, depth + 1));
  return max;
}

function locate(doc: Document, path: readonly (string | number)[], position: (offset: number) => { line: number; column: number }) {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return position(node.range[0]);
  }
  return undefined;
}

/** One descriptor from a single-document body (POST /entities). */
export function parseYamlDescriptor(text: string): unknown {
  const docs = parseYamlDocuments(text, 1_000);
  if (docs.length === 0) throw new BadRequestError("empty_body", "The request body holds no YAML document.");
  if (docs.length > 1) {
    throw new BadRequestError("multiple_documents", `The body holds ${docs.length} YAML documents; this endpoint takes exactly one (use POST /api/v1/ingest for many).`);
  }
  return docs[0]!.value;
}

/** The inverse of contracts' formatPath: `spec.links[0]["a.io/x"]` -> ["spec", "links", 0, "a.io/x"]. */
export function parseFieldPath(path: string): (string | number)[] {
  if (path === "(root)") return [];
  const parts: (string | number)[] = [];
  const token = /([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (const m of path.matchAll(token)) {
    if (m[1] !== undefined) parts.push(m[1]);
    else if (m[2] !== undefined) parts.push(Number(m[2]));
    else if (m[3] !== undefined) parts.push(JSON.parse(m[3]) as string);
  }
  return parts;
}
