import { entityPath, tryParseRef, type Entity, type EntityRelationsResponse } from "@cartograph/contracts";
import { stringify } from "yaml";
import { z } from "zod";

// The contract types `spec` and the optional metadata members loosely (any kind may add
// fields), so each field is read defensively here and a malformed one is simply not shown.
const Text = z.string().min(1);
const TextList = z.array(z.string().min(1));
const TextRecord = z.record(z.string(), z.string());
const Links = z.array(z.looseObject({ url: z.string(), title: z.string().optional() }));

function read<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

// Descriptor text is data from whoever wrote the descriptor: a link becomes an anchor only for
// web URLs. `javascript:`, `data:`, `vbscript:`, even `mailto:` are shown as text.
const LINKABLE_PROTOCOLS = new Set(["http:", "https:"]);

export interface EntityLinkView {
  url: string;
  label: string;
  /** True only for http(s) URLs; `javascript:` and friends parse as URLs but must never become anchors. */
  linkable: boolean;
}

export interface EntityView {
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  displayName: string;
  path: string;
  description?: string;
  type?: string;
  lifecycle?: string;
  owner?: string;
  /** The owner's entity page (a short owner is a Group in the entity's namespace). */
  ownerHref?: string;
  system?: string;
  systemHref?: string;
  tags: string[];
  links: EntityLinkView[];
  labels: [string, string][];
  annotations: [string, string][];
  updatedAt: string;
}

/** The entity page of a reference as written in a spec field (`team-a`, `group:team-a`, `user:ops/ann`). */
export function refHref(ref: string | undefined, defaultKind: string, defaultNamespace: string): string | undefined {
  if (!ref) return undefined;
  const parsed = tryParseRef(ref, { defaultKind, defaultNamespace });
  return parsed ? entityPath(parsed) : undefined;
}

export function toEntityView(entity: Entity): EntityView {
  const { metadata, spec } = entity;
  const title = read(Text, metadata.title);
  const owner = read(Text, spec.owner);
  const system = read(Text, spec.system);

  return {
    kind: entity.kind,
    namespace: metadata.namespace,
    name: metadata.name,
    title,
    displayName: title ?? metadata.name,
    path: entityPath({ kind: entity.kind, namespace: metadata.namespace, name: metadata.name }),
    description: read(Text, metadata.description),
    type: read(Text, spec.type),
    lifecycle: read(Text, spec.lifecycle),
    owner,
    ownerHref: refHref(owner, "Group", metadata.namespace),
    system,
    systemHref: refHref(system, "System", metadata.namespace),
    tags: read(TextList, metadata.tags) ?? [],
    links: (read(Links, metadata.links) ?? []).map((link) => ({
      url: link.url,
      label: link.title ?? link.url,
      linkable: URL.canParse(link.url) && LINKABLE_PROTOCOLS.has(new URL(link.url).protocol),
    })),
    labels: sortedEntries(read(TextRecord, metadata.labels)),
    annotations: sortedEntries(read(TextRecord, metadata.annotations)),
    updatedAt: metadata.updatedAt,
  };
}

function sortedEntries(record: Record<string, string> | undefined): [string, string][] {
  return Object.entries(record ?? {}).sort(([a], [b]) => a.localeCompare(b));
}

/**
 * The descriptor as its author would write it: what the catalog assigns (uid, etag, timestamps)
 * and computes (relations, status) left out, since sending them back is not an edit.
 */
export function editableDescriptor(entity: Entity): Record<string, unknown> {
  return authoredDescriptor(entity);
}

/** Metadata members the catalog assigns, never written by an author. */
const ASSIGNED_METADATA = new Set(["uid", "etag", "createdAt", "updatedAt", "generation"]);

/**
 * Any stored or served descriptor (an entity, or a history version's descriptor) as its author
 * wrote it: apiVersion, kind, metadata without what the catalog assigns, spec. Relations and status
 * are computed from the whole catalog, so they are left out too. Unknown top-level members stay.
 */
export function authoredDescriptor(descriptor: Record<string, unknown>): Record<string, unknown> {
  const { relations: _relations, status: _status, metadata, ...rest } = descriptor;
  const out: Record<string, unknown> = { apiVersion: rest.apiVersion, kind: rest.kind };
  if (metadata && typeof metadata === "object" && !Array.isArray(metadata)) {
    out.metadata = Object.fromEntries(Object.entries(metadata).filter(([key]) => !ASSIGNED_METADATA.has(key)));
  }
  for (const [key, value] of Object.entries(rest)) if (!(key in out)) out[key] = value;
  return out;
}

/** The authored descriptor as YAML, the way catalog-info.yaml files are written. */
export function descriptorYaml(descriptor: Record<string, unknown>): string {
  return stringify(authoredDescriptor(descriptor), { lineWidth: 0 });
}

// ---- tabs ----

export interface EntityTab {
  /** The child segment (null for the overview), as useSelectedLayoutSegment reports it. */
  segment: string | null;
  label: string;
  href: string;
}

/** The entity page's tabs for this kind: Architecture only for systems and domains, Definition only for APIs. */
export function entityTabs(kind: string, basePath: string): EntityTab[] {
  const k = kind.toLowerCase();
  const tabs: [string | null, string, boolean][] = [
    [null, "Overview", true],
    ["graph", "Graph", true],
    ["architecture", "Architecture", k === "system" || k === "domain"],
    ["definition", "Definition", k === "api"],
    ["yaml", "YAML", true],
    ["history", "History", true],
  ];
  return tabs.filter(([, , shown]) => shown).map(([segment, label]) => ({ segment, label, href: segment ? `${basePath}/${segment}` : basePath }));
}

// ---- relations ----

const RELATION_LABELS: Record<string, string> = {
  ownedBy: "Owned by",
  ownerOf: "Owner of",
  partOf: "Part of",
  hasPart: "Has part",
  providesApi: "Provides API",
  apiProvidedBy: "API provided by",
  consumesApi: "Consumes API",
  apiConsumedBy: "API consumed by",
  dependsOn: "Depends on",
  dependencyOf: "Dependency of",
  childOf: "Child of",
  parentOf: "Parent of",
  memberOf: "Member of",
  hasMember: "Has member",
};

/** The order a reader wants: who owns it and where it belongs first, then what it talks to. */
const RELATION_ORDER = Object.keys(RELATION_LABELS);

export function relationLabel(type: string): string {
  const known = RELATION_LABELS[type];
  if (known) return known;
  const words = type.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface RelatedView {
  targetRef: string;
  /** The related entity's page; undefined when the catalog has no such entity (a dangling relation). */
  href?: string;
  label: string;
  kind: string;
  dangling: boolean;
}

export interface RelationGroupView {
  type: string;
  label: string;
  items: RelatedView[];
}

/** Relations from GET …/relations grouped by type, in reading order; unknown types last, by name. */
export function groupRelations(items: EntityRelationsResponse["items"]): RelationGroupView[] {
  const groups = new Map<string, RelatedView[]>();
  for (const item of items) {
    const related: RelatedView = item.target
      ? { targetRef: item.targetRef, href: entityPath(item.target), label: item.target.title ?? item.target.name, kind: item.target.kind, dangling: false }
      : { targetRef: item.targetRef, label: item.targetRef, kind: item.targetRef.split(":")[0] ?? "", dangling: true };
    groups.set(item.type, [...(groups.get(item.type) ?? []), related]);
  }
  const rank = (type: string) => {
    const i = RELATION_ORDER.indexOf(type);
    return i === -1 ? RELATION_ORDER.length : i;
  };
  return [...groups]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([type, related]) => ({ type, label: relationLabel(type), items: related }));
}

/** The related entities of one relation type (for Group and User pages). */
export function relatedOf(items: EntityRelationsResponse["items"], type: string): RelatedView[] {
  return groupRelations(items.filter((i) => i.type === type))[0]?.items ?? [];
}

// ---- problems ----

export interface ProblemView {
  level: "error" | "warning" | "info";
  type: string;
  message: string;
}

const LEVEL_RANK = { error: 0, warning: 1, info: 2 } as const;

/** The entity's status items, errors first. */
export function problemsOf(entity: Entity): ProblemView[] {
  return (entity.status?.items ?? [])
    .map(({ level, type, message }) => ({ level, type, message }))
    .sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level]);
}
