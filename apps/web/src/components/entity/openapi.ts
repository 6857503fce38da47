import { parse } from "yaml";

// An OpenAPI (3.x or Swagger 2) document is text from whoever wrote the descriptor: every member
// is read defensively, and what is not the expected shape is left out rather than trusted.

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export interface ParameterView {
  name: string;
  in: string;
  required: boolean;
  type?: string;
  description?: string;
}

export interface ResponseView {
  status: string;
  description?: string;
  contentTypes: string[];
}

export interface OperationView {
  id: string;
  method: (typeof HTTP_METHODS)[number];
  path: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  parameters: ParameterView[];
  requestBody?: { description?: string; required: boolean; contentTypes: string[] };
  responses: ResponseView[];
}

export interface OpenApiView {
  specVersion?: string;
  title?: string;
  version?: string;
  description?: string;
  servers: { url: string; description?: string }[];
  groups: { tag: string; description?: string; operations: OperationView[] }[];
  operationCount: number;
}

export type OpenApiParse = { ok: true; doc: OpenApiView } | { ok: false; reason: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 ? v : typeof v === "number" ? String(v) : undefined);
const UNTAGGED = "Other operations";

/** Follows a local `$ref` (`#/components/parameters/Id`), once; anything else is returned as is. */
function deref(root: Obj, value: unknown): unknown {
  if (!isObj(value) || typeof value.$ref !== "string" || !value.$ref.startsWith("#/")) return value;
  let at: unknown = root;
  for (const part of value.$ref.slice(2).split("/")) at = isObj(at) ? at[part.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
  return at ?? value;
}

function schemaType(root: Obj, schema: unknown): string | undefined {
  const s = deref(root, schema);
  if (isObj(schema) && typeof schema.$ref === "string") return schema.$ref.split("/").at(-1);
  if (!isObj(s)) return undefined;
  const type = str(s.type);
  if (type === "array") return `${schemaType(root, s.items) ?? "any"}[]`;
  return type && str(s.format) ? `${type} (${str(s.format)})` : type;
}

function parameters(root: Obj, list: unknown): ParameterView[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((raw) => {
    const p = deref(root, raw);
    if (!isObj(p) || !str(p.name) || !str(p.in)) return [];
    return [{ name: str(p.name)!, in: str(p.in)!, required: p.required === true, type: schemaType(root, p.schema) ?? str(p.type), description: str(p.description) }];
  });
}

const contentTypes = (content: unknown) => (isObj(content) ? Object.keys(content) : []);

function operation(root: Obj, path: string, method: OperationView["method"], raw: Obj, shared: ParameterView[]): OperationView {
  const own = parameters(root, raw.parameters);
  const merged = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own];
  const body = deref(root, raw.requestBody);
  const responses = isObj(raw.responses)
    ? Object.entries(raw.responses).map(([status, r]) => {
        const resp = deref(root, r);
        return { status, description: isObj(resp) ? str(resp.description) : undefined, contentTypes: isObj(resp) ? contentTypes(resp.content) : [] };
      })
    : [];
  return {
    id: `${method}-${path}`,
    method,
    path,
    summary: str(raw.summary),
    description: str(raw.description),
    deprecated: raw.deprecated === true,
    parameters: merged,
    requestBody: isObj(body) ? { description: str(body.description), required: body.required === true, contentTypes: contentTypes(body.content) } : undefined,
    responses,
  };
}

/** Reads an OpenAPI document (YAML or JSON text, or an already parsed object). */
export function parseOpenApi(definition: unknown): OpenApiParse {
  let root: unknown = definition;
  if (typeof definition === "string") {
    try {
      root = parse(definition, { maxAliasCount: 100 });
    } catch (error) {
      return { ok: false, reason: `It is not valid YAML or JSON: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}` };
    }
  }
  if (!isObj(root)) return { ok: false, reason: "It is not a YAML or JSON object." };
  const specVersion = str(root.openapi) ?? str(root.swagger);
  if (!specVersion) return { ok: false, reason: "It has no openapi (or swagger) version field." };
  if (root.paths !== undefined && !isObj(root.paths)) return { ok: false, reason: "Its paths member is not an object." };

  const info = isObj(root.info) ? root.info : {};
  const tagInfo = new Map<string, string | undefined>();
  if (Array.isArray(root.tags)) for (const t of root.tags) if (isObj(t) && str(t.name)) tagInfo.set(str(t.name)!, str(t.description));

  const byTag = new Map<string, OperationView[]>([...tagInfo.keys()].map((t) => [t, []]));
  let operationCount = 0;
  for (const [path, rawItem] of Object.entries(isObj(root.paths) ? root.paths : {})) {
    const item = deref(root, rawItem);
    if (!isObj(item)) continue;
    const shared = parameters(root, item.parameters);
    for (const method of HTTP_METHODS) {
      const raw = item[method];
      if (!isObj(raw)) continue;
      const op = operation(root, path, method, raw, shared);
      const tags = Array.isArray(raw.tags) ? raw.tags.filter((t): t is string => typeof t === "string" && t.length > 0) : [];
      for (const tag of tags.length > 0 ? tags : [UNTAGGED]) byTag.set(tag, [...(byTag.get(tag) ?? []), op]);
      operationCount++;
    }
  }

  const servers = Array.isArray(root.servers)
    ? root.servers.flatMap((s) => (isObj(s) && str(s.url) ? [{ url: str(s.url)!, description: str(s.description) }] : []))
    : str(root.host)
      ? [{ url: `${str(root.host)}${str(root.basePath) ?? ""}` }]
      : [];

  return {
    ok: true,
    doc: {
      specVersion,
      title: str(info.title),
      version: str(info.version),
      description: str(info.description),
      servers,
      groups: [...byTag]
        .filter(([, ops]) => ops.length > 0)
        .sort(([a], [b]) => Number(a === UNTAGGED) - Number(b === UNTAGGED))
        .map(([tag, operations]) => ({ tag, description: tagInfo.get(tag), operations })),
      operationCount,
    },
  };
}
