import type { GraphEdge, GraphNode, GraphResponse } from "@cartograph/contracts";

// Turns the API's graph (or architecture) answer into what the diagram, its legend and its
// accessible list draw. Pure and serialisable: computed on the server, handed to the client
// component as props, so the browser never loads the contracts (zod, the catalog model).

/** Forward relation types, in the order the legend and the filters list them. */
export const RELATION_TYPES = ["dependsOn", "consumesApi", "providesApi", "partOf", "ownedBy", "memberOf", "childOf"] as const;

const RELATION_LABELS: Record<string, string> = {
  dependsOn: "depends on",
  consumesApi: "consumes API",
  providesApi: "provides API",
  partOf: "part of",
  ownedBy: "owned by",
  memberOf: "member of",
  childOf: "child of",
  // Inverse types, should an answer ever carry one.
  dependencyOf: "dependency of",
  apiConsumedBy: "API consumed by",
  apiProvidedBy: "API provided by",
  hasPart: "has part",
  ownerOf: "owner of",
  hasMember: "has member",
  parentOf: "parent of",
};

/** "dependsOn" -> "depends on"; an unknown type is split at its capitals. */
export function relationLabel(type: string): string {
  return RELATION_LABELS[type] ?? type.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** The kinds the kind filter offers (lower-case, as the API compares them). */
export const GRAPH_KINDS = ["component", "api", "resource", "system", "domain", "group", "user", "location", "template"] as const;

const KIND_LABELS: Record<string, string> = {
  api: "API",
  component: "Component",
  resource: "Resource",
  system: "System",
  domain: "Domain",
  group: "Group",
  user: "User",
  location: "Location",
  template: "Template",
};

export function kindLabel(kind: string): string {
  const lower = kind.toLowerCase();
  return KIND_LABELS[lower] ?? kind.charAt(0).toUpperCase() + kind.slice(1);
}

export type DiagramNode = {
  /** The entity ref (`kind:namespace/name`), unique in the diagram. */
  id: string;
  /** Lower-case kind, for styling. */
  kind: string;
  kindLabel: string;
  /** Title when the entity has one, else its name. */
  label: string;
  /** Shown under the label when it differs from it (name or namespace/name). */
  secondary: string | null;
  href: string;
  exists: boolean;
  root: boolean;
  external: boolean;
  /** The compartment the node is drawn in (architecture diagrams); null for none. */
  group: string | null;
  /** Hops from the root (graph diagrams); 0 inside and 1 outside (architecture). */
  distance: number;
};

export interface DiagramEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  label: string;
}

export interface DiagramGroup {
  id: string;
  label: string;
  external: boolean;
}

export interface Diagram {
  /** A neighbourhood (distances are hops from the root) or an architecture (compartments). */
  kind: "graph" | "architecture";
  root: string;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  groups: DiagramGroup[];
  /** Relation types present in the edges, in legend order. */
  relationTypes: string[];
  /** Edges the answer carried whose ends it did not (a contract breach): counted, so never dropped silently. */
  unshownEdges: number;
}

const entityHref = (node: Pick<GraphNode, "kind" | "namespace" | "name">) =>
  `/catalog/${[node.kind, node.namespace, node.name].map((s) => encodeURIComponent(s.toLowerCase())).join("/")}`;

function toNode(node: GraphNode, root: string, group: string | null): DiagramNode {
  const label = node.title?.trim() || node.name;
  const qualified = node.namespace.toLowerCase() === "default" ? node.name : `${node.namespace}/${node.name}`;
  return {
    id: node.ref,
    kind: node.kind.toLowerCase(),
    kindLabel: kindLabel(node.kind),
    label,
    secondary: qualified === label ? null : qualified,
    href: entityHref(node),
    exists: node.exists,
    root: node.ref === root,
    external: node.external === true,
    group,
    distance: node.distance,
  };
}

function toEdges(edges: GraphEdge[], present: Set<string>): DiagramEdge[] {
  const seen = new Set<string>();
  const out: DiagramEdge[] = [];
  for (const edge of edges) {
    // The contract promises both ends are returned; an edge that breaks it is still not dropped
    // silently: the accessible list shows every edge, this only keeps React Flow from failing.
    if (!present.has(edge.source) || !present.has(edge.target)) continue;
    const id = `${edge.source} ${edge.type} ${edge.target}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ id, source: edge.source, target: edge.target, type: edge.type, label: relationLabel(edge.type) });
  }
  return out;
}

function unshown(graph: GraphResponse, nodes: DiagramNode[]): number {
  const present = new Set(nodes.map((n) => n.id));
  return graph.edges.filter((e) => !present.has(e.source) || !present.has(e.target)).length;
}

function presentTypes(edges: DiagramEdge[]): string[] {
  const types = new Set(edges.map((e) => e.type));
  const known = RELATION_TYPES.filter((t) => types.has(t));
  const other = [...types].filter((t) => !(RELATION_TYPES as readonly string[]).includes(t)).sort();
  return [...known, ...other];
}

/** The neighbourhood graph of one entity. */
export function graphDiagram(graph: GraphResponse): Diagram {
  const nodes = graph.nodes.map((n) => toNode(n, graph.root, null));
  const edges = toEdges(graph.edges, new Set(nodes.map((n) => n.id)));
  return { kind: "graph", root: graph.root, nodes, edges, groups: [], relationTypes: presentTypes(edges), unshownEdges: unshown(graph, nodes) };
}

/** A system's ref from a node's `system` field, which may be a bare name or a full ref. */
function systemRef(system: string, namespace: string): string {
  const s = system.toLowerCase();
  if (s.includes(":")) return s;
  return s.includes("/") ? `system:${s}` : `system:${namespace.toLowerCase()}/${s}`;
}

/**
 * An architecture diagram. A system: its parts in one compartment, what lies outside in
 * another. A domain: one compartment per system with its parts, plus the outside one.
 */
export function architectureDiagram(graph: GraphResponse, scope: { kind: "system" | "domain"; label: string }): Diagram {
  const byRef = new Map(graph.nodes.map((n) => [n.ref, n]));
  const groups = new Map<string, DiagramGroup>();
  const outside: DiagramGroup = { id: "group:outside", label: `Outside ${scope.label}`, external: true };

  const groupOf = (node: GraphNode): string | null => {
    if (node.external) return outside.id;
    if (scope.kind === "system") {
      if (node.ref === graph.root) return null;
      return "group:inside";
    }
    if (node.ref === graph.root) return null;
    const ref = node.kind.toLowerCase() === "system" ? node.ref : node.system ? systemRef(node.system, node.namespace) : null;
    return ref ? `group:${ref}` : null;
  };

  const nodes = graph.nodes.map((n) => {
    const group = groupOf(n);
    if (group && !groups.has(group)) {
      if (group === outside.id) groups.set(group, outside);
      else if (group === "group:inside") groups.set(group, { id: group, label: scope.label, external: false });
      else {
        const system = byRef.get(group.slice("group:".length));
        const label = system ? system.title?.trim() || system.name : group.slice(group.lastIndexOf("/") + 1);
        groups.set(group, { id: group, label: `System ${label}`, external: false });
      }
    }
    return toNode(n, graph.root, group);
  });
  const edges = toEdges(graph.edges, new Set(nodes.map((n) => n.id)));
  // Inside compartments first, in the order met; the outside one last.
  const ordered = [...groups.values()].sort((a, b) => Number(a.external) - Number(b.external));
  return { kind: "architecture", root: graph.root, nodes, edges, groups: ordered, relationTypes: presentTypes(edges), unshownEdges: unshown(graph, nodes) };
}
