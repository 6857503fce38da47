import { EntityPathParamsSchema, type GraphQuery } from "@cartograph/contracts";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { DiagramLoading, DiagramSection } from "@/components/graph/diagram-section";
import { GraphControls } from "@/components/graph/graph-controls";
import { graphDiagram } from "@/components/graph/graph-model";
import { graphHref, readGraphQuery } from "@/components/graph/graph-query";
import { getEntity } from "@/lib/api";
import { getEntityGraph } from "@/lib/api-graph";
import { toEntityView, type EntityView } from "@/lib/entity-view";

type Params = Promise<{ kind: string; namespace: string; name: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// The entity is read before anything streams, so an unknown one is a real 404; only the graph
// itself streams in behind a loading state.
async function load(params: Params) {
  const ref = EntityPathParamsSchema.safeParse(await params);
  return ref.success ? getEntity(ref.data.kind, ref.data.namespace, ref.data.name) : null;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const entity = await load(params);
  if (!entity) return { title: "Entity not found" };
  return { title: `Graph · ${entity.metadata.title ?? entity.metadata.name}` };
}

export default async function GraphPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const [entity, sp] = await Promise.all([load(params), searchParams]);
  if (!entity) notFound();
  const view = toEntityView(entity);
  const state = readGraphQuery(sp);

  return (
    <section aria-labelledby="graph-heading">
      <h2 id="graph-heading">Graph</h2>
      <p className="muted">
        What <Link href={view.path}>{view.displayName}</Link> relates to, up to {state.query.depth} {state.query.depth === 1 ? "hop" : "hops"} away. Click
        a node (or focus it and press Enter) to open that entity.
      </p>
      <GraphControls query={state.query} limitSet={state.limitSet} problems={state.problems} />
      <Suspense key={JSON.stringify(state.query)} fallback={<DiagramLoading what="graph" />}>
        <Graph view={view} query={state.query} limitSet={state.limitSet} />
      </Suspense>
    </section>
  );
}

async function Graph({ view, query, limitSet }: { view: EntityView; query: GraphQuery; limitSet: boolean }) {
  const graph = await getEntityGraph(view, query);
  const diagram = graphDiagram(graph);
  const filtered = query.relation !== undefined || query.kind !== undefined || query.direction !== "both";
  const here = `${view.path}/graph`;
  const alone = diagram.nodes.length <= 1 && diagram.edges.length === 0;

  return (
    <DiagramSection
      diagram={diagram}
      truncated={graph.truncated}
      label={`Relations graph of ${view.displayName}`}
      narrow={
        <>
          To see everything, narrow the view:{" "}
          {query.depth > 1 && (
            <>
              <Link href={graphHref(here, query, { depth: query.depth - 1 }, limitSet)}>lower the depth to {query.depth - 1}</Link>,{" "}
            </>
          )}
          tick only the relation types or kinds you need above, or show one direction.
        </>
      }
      empty={alone ? <EmptyGraph view={view} filtered={filtered} /> : null}
    />
  );
}

function EmptyGraph({ view, filtered }: { view: EntityView; filtered: boolean }) {
  return (
    <div className="panel" data-testid="graph-empty">
      {filtered ? (
        <p>
          Nothing related to <strong>{view.displayName}</strong> matches these options. <Link href={`${view.path}/graph`}>Show all relations</Link>.
        </p>
      ) : (
        <>
          <p>
            <strong>{view.displayName}</strong> has no relations yet, so there is nothing to draw.
          </p>
          <p>
            Relations come from its descriptor: add an <code>owner</code>, a <code>system</code>, <code>dependsOn</code>, or for components{" "}
            <code>providesApis</code> and <code>consumesApis</code>. Other entities that point at it show up here too.{" "}
            <Link href={`${view.path}/edit`}>Edit its descriptor</Link>.
          </p>
        </>
      )}
    </div>
  );
}
