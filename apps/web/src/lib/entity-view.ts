import { entityPath, type Entity } from "@cartograph/contracts";
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

export interface RelationView {
  label: string;
  refs: string[];
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
  system?: string;
  tags: string[];
  links: EntityLinkView[];
  labels: [string, string][];
  annotations: [string, string][];
  relations: RelationView[];
  updatedAt: string;
}

const RELATION_FIELDS = [
  ["dependsOn", "Depends on"],
  ["dependencyOf", "Dependency of"],
  ["providesApis", "Provides APIs"],
  ["consumesApis", "Consumes APIs"],
] as const;

export function toEntityView(entity: Entity): EntityView {
  const { metadata, spec } = entity;
  const title = read(Text, metadata.title);
  const subcomponentOf = read(Text, spec.subcomponentOf);
  const relations: RelationView[] = RELATION_FIELDS.map(([field, label]) => ({ label, refs: read(TextList, spec[field]) ?? [] }));
  if (subcomponentOf) relations.push({ label: "Subcomponent of", refs: [subcomponentOf] });

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
    owner: read(Text, spec.owner),
    system: read(Text, spec.system),
    tags: read(TextList, metadata.tags) ?? [],
    links: (read(Links, metadata.links) ?? []).map((link) => ({
      url: link.url,
      label: link.title ?? link.url,
      linkable: URL.canParse(link.url) && LINKABLE_PROTOCOLS.has(new URL(link.url).protocol),
    })),
    labels: sortedEntries(read(TextRecord, metadata.labels)),
    annotations: sortedEntries(read(TextRecord, metadata.annotations)),
    relations: relations.filter((r) => r.refs.length > 0),
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
  const { uid: _uid, etag: _etag, createdAt: _createdAt, updatedAt: _updatedAt, ...metadata } = entity.metadata;
  return { apiVersion: entity.apiVersion, kind: entity.kind, metadata, spec: entity.spec };
}
