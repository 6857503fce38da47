import { BUILTIN_KINDS, canonicalRef, RELATION_PAIRS, type GraphEdge, type GraphNode, type GraphQuery, type GraphResponse } from "@cartograph/contracts";
import { graphNodes, neighboursOf, relationsAmong, type Db, type NeighbourTypes } from "@cartograph/db";
import { BadRequestError, NotFoundError } from "../../errors.ts";

type Ref = { kind: string; namespace: string; name: string };
type Direction = GraphQuery["direction"];

/** Each relation type, either name of its pair, to the pair's forward name (`dependencyOf` -> `dependsOn`). */
const FORWARD_OF: ReadonlyMap<string, string> = new Map(
  RELATION_PAIRS.flatMap(({ forward, reverse }) => [
    [forward.toLowerCase(), forward],
    [reverse.toLowerCase(), forward],
  ]),
);
const REVERSE_TYPES: ReadonlySet<string> = new Set(RELATION_PAIRS.map((p) => p.reverse));

/** The forward types a `relation` filter names (either name of a pair, any case); null for all. */
export function forwardTypesOf(relations: string[] | undefined): Set<string> | null {
  if (!relations) return null;
  const unknown = relations.filter((r) => !FORWARD_OF.has(r.toLowerCase()));
  if (unknown.length > 0) {
    throw new BadRequestError("invalid_query", "The query string is not valid.", [
      { path: "relation", message: `unknown relation type ${unknown.join(", ")}; one of ${[...FORWARD_OF.values()].filter((v, i, a) => a.indexOf(v) === i).join(", ")} or their inverses` },
    ]);
  }
  return new Set(relations.map((r) => FORWARD_OF.get(r.toLowerCase())!));
}

/**
 * The stored types to read on each side of a frontier so the walk follows `forward` pairs in
 * `direction`: a node is the source of an edge it declares in the forward sense (`dependsOn`) or
 * that another declares towards it in the reverse sense (`dependencyOf`).
 */
export function neighbourTypes(forward: Set<string> | null, direction: Direction): NeighbourTypes {
  if (!forward && direction === "both") return { out: null, in: null };
  const pairs = RELATION_PAIRS.filter((p) => !forward || forward.has(p.forward));
  const fw = pairs.map((p) => p.forward as string);
  const rv = pairs.map((p) => p.reverse as string);
  if (direction === "both") return { out: [...fw, ...rv], in: [...fw, ...rv] };
  return direction === "outgoing" ? { out: fw, in: rv } : { out: rv, in: fw };
}

/** A stored relation (origin declares `type` towards target) as the edge of its pair, in the forward sense. */
export function edgeOf(origin: string, type: string, target: string): GraphEdge {
  if (REVERSE_TYPES.has(type)) return { source: target, target: origin, type: FORWARD_OF.get(type.toLowerCase())! };
  return { source: origin, type, target };
}

export const edgeKey = (e: GraphEdge) => `${e.source}\0${e.type}\0${e.target}`;

/** Built-in kinds by their lower-cased name, so a dangling node's kind is spelled like an existing one's. */
const KIND_NAMES: ReadonlyMap<string, string> = new Map(BUILTIN_KINDS.map((k) => [k.toLowerCase(), k]));

/** `kind:namespace/name` back into its parts (refs are stored canonical, so this always splits). */
export function splitRef(ref: string): Ref {
  const colon = ref.indexOf(":");
  const slash = ref.indexOf("/", colon + 1);
  return { kind: ref.slice(0, colon), namespace: ref.slice(colon + 1, slash), name: ref.slice(slash + 1) };
}

/** The graph nodes of `refs` (one query); refs the catalog lacks come back with `exists: false`. */
export async function nodesFor(db: Db, refs: { ref: string; distance: number; external?: boolean }[]): Promise<GraphNode[]> {
  const rows = new Map((await graphNodes(db, refs.map((r) => r.ref))).map((r) => [r.ref, r]));
  return refs.map(({ ref, distance, external }) => {
    const row = rows.get(ref);
    const extra = external === undefined ? {} : { external };
    if (row) return { ...row, exists: true, distance, ...extra };
    const parts = splitRef(ref);
    return { ref, ...parts, kind: KIND_NAMES.get(parts.kind) ?? parts.kind, title: null, type: null, lifecycle: null, owner: null, system: null, exists: false, distance, ...extra };
  });
}

/** The edges among the kept refs whose type passes `keep`, each pair once. */
export async function edgesAmong(db: Db, refs: string[], keep: (type: string) => boolean): Promise<GraphEdge[]> {
  const edges = new Map<string, GraphEdge>();
  for (const row of await relationsAmong(db, refs)) {
    const edge = edgeOf(row.origin, row.type, row.target);
    if (keep(edge.type)) edges.set(edgeKey(edge), edge);
  }
  return [...edges.values()].sort(byEdge);
}

export const byEdge = (a: GraphEdge, b: GraphEdge) => cmp(a.source, b.source) || cmp(a.type, b.type) || cmp(a.target, b.target);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The neighbourhood of one entity: breadth-first over the relations, one query per level (both
 * stored sides at once), then one query for the kept nodes' details and one for the edges among
 * them. The walk always runs to `depth` so that a cut by `limit` can say how much it left out.
 * Edges are every relation (of the followed types) between returned nodes, also those the walk
 * did not cross (between two nodes at the last level).
 */
export async function entityGraph(db: Db, ref: Ref, query: GraphQuery): Promise<GraphResponse> {
  const root = canonicalRef(ref);
  const forward = forwardTypesOf(query.relation);
  const kinds = query.kind ? new Set(query.kind.map((k) => k.toLowerCase())) : null;
  const types = neighbourTypes(forward, query.direction);

  const [rootRow] = await graphNodes(db, [root]);
  if (!rootRow) throw new NotFoundError("entity_not_found", `No entity ${root}. Kind, namespace and name are matched case-insensitively.`);

  const distance = new Map<string, number>([[root, 0]]);
  const order = [root];
  let frontier = [root];
  for (let d = 1; d <= query.depth && frontier.length > 0; d++) {
    const next = new Set<string>();
    for (const row of await neighboursOf(db, frontier, types)) {
      if (kinds && !kinds.has(splitRef(row.other).kind) && row.other !== root) continue;
      if (!distance.has(row.other)) {
        distance.set(row.other, d);
        next.add(row.other);
      }
    }
    frontier = [...next].sort();
    order.push(...frontier);
  }

  const kept = order.slice(0, query.limit);
  const keptSet = new Set(kept);
  const nodes = await nodesFor(db, kept.map((r) => ({ ref: r, distance: distance.get(r)! })));
  // Among everything reached, so a cut can count the edges it left out as well as the nodes.
  const all = await edgesAmong(db, order, (type) => !forward || forward.has(type));
  const edges = kept.length === order.length ? all : all.filter((e) => keptSet.has(e.source) && keptSet.has(e.target));
  return {
    root,
    nodes,
    edges,
    truncated: order.length > kept.length ? { omittedNodes: order.length - kept.length, omittedEdges: all.length - edges.length, limit: query.limit } : null,
  };
}
