import { canonicalRef, type ArchitectureResponse, type GraphEdge } from "@cartograph/contracts";
import { graphNodes, neighboursOf, partsOf, type Db } from "@cartograph/db";
import { BadRequestError, NotFoundError } from "../../errors.ts";
import { byEdge, edgeKey, edgeOf, edgesAmong, neighbourTypes, nodesFor } from "./graph.ts";

type Ref = { kind: string; namespace: string; name: string };

/** What an architecture diagram draws between the parts, and from the parts to the outside. */
const INSIDE = new Set(["dependsOn", "providesApi", "consumesApi", "partOf"]);
const OUTSIDE = new Set(["dependsOn", "providesApi", "consumesApi"]);
const ARCHITECTURE_KINDS = new Set(["system", "domain"]);

/**
 * A system's (or a domain's) architecture: the root, everything transitively partOf it (a domain's
 * systems and subdomains, a system's components, APIs and resources and their subcomponents) with
 * the relations among them, and, marked external at distance 1, the entities outside that the parts
 * depend on, provide or consume. Nodes are kept in that order up to `limit`; the rest is counted.
 */
export async function entityArchitecture(db: Db, ref: Ref, query: { limit: number }): Promise<ArchitectureResponse> {
  const root = canonicalRef(ref);
  if (!ARCHITECTURE_KINDS.has(ref.kind.toLowerCase())) {
    throw new BadRequestError("architecture_kind", `Architecture diagrams exist for System and Domain entities only; ${root} is a ${ref.kind}.`);
  }
  const [rootRow] = await graphNodes(db, [root]);
  if (!rootRow) throw new NotFoundError("entity_not_found", `No entity ${root}. Kind, namespace and name are matched case-insensitively.`);

  const parts = (await partsOf(db, root)).sort((a, b) => a.depth - b.depth || (a.ref < b.ref ? -1 : 1)).map((p) => p.ref);
  const members = [root, ...parts];
  const memberSet = new Set(members);

  const outside = new Map<string, GraphEdge>();
  const external = new Set<string>();
  for (const row of await neighboursOf(db, parts, neighbourTypes(OUTSIDE, "outgoing"))) {
    if (memberSet.has(row.other)) continue;
    const edge = row.direction === "out" ? edgeOf(row.subject, row.type, row.other) : edgeOf(row.other, row.type, row.subject);
    outside.set(edgeKey(edge), edge);
    external.add(row.other);
  }
  const order = [...members.map((r) => ({ ref: r, distance: 0, external: false })), ...[...external].sort().map((r) => ({ ref: r, distance: 1, external: true }))];
  const kept = order.slice(0, query.limit);
  const keptSet = new Set(kept.map((k) => k.ref));

  const inside = await edgesAmong(db, members, (type) => INSIDE.has(type));
  const all = [...inside, ...outside.values()];
  const edges = all.filter((e) => keptSet.has(e.source) && keptSet.has(e.target)).sort(byEdge);
  return {
    root,
    nodes: await nodesFor(db, kept),
    edges,
    truncated: order.length > kept.length ? { omittedNodes: order.length - kept.length, omittedEdges: all.length - edges.length, limit: query.limit } : null,
  };
}
