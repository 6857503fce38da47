import { EntityPathParamsSchema } from "@cartograph/contracts";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { DiagramLoading, DiagramSection } from "@/components/graph/diagram-section";
import { architectureDiagram } from "@/components/graph/graph-model";
import { getEntity } from "@/lib/api";
import { getArchitecture } from "@/lib/api-graph";
import { toEntityView, type EntityView } from "@/lib/entity-view";

type Params = Promise<{ kind: string; namespace: string; name: string }>;

const DRAWN_KINDS = new Set(["system", "domain"]);

async function load(params: Params) {
  const ref = EntityPathParamsSchema.safeParse(await params);
  // Only systems and domains have an architecture; for anything else this tab does not exist.
  if (!ref.success || !DRAWN_KINDS.has(ref.data.kind.toLowerCase())) return null;
  return getEntity(ref.data.kind, ref.data.namespace, ref.data.name);
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const entity = await load(params);
  if (!entity) return { title: "Not found" };
  return { title: `Architecture · ${entity.metadata.title ?? entity.metadata.name}` };
}

export default async function ArchitecturePage({ params }: { params: Params }) {
  const entity = await load(params);
  if (!entity) notFound();
  const view = toEntityView(entity);
  const isDomain = view.kind.toLowerCase() === "domain";

  return (
    <section aria-labelledby="architecture-heading">
      <h2 id="architecture-heading">Architecture</h2>
      <p className="muted">
        {isDomain
          ? "Every system in this domain with its components, APIs and resources, and what they use outside the domain (dashed)."
          : "Every component, API and resource in this system with their relations, and what they use outside the system (dashed)."}{" "}
        Click a node (or focus it and press Enter) to open it.
      </p>
      <Suspense fallback={<DiagramLoading what="architecture diagram" />}>
        <Architecture view={view} isDomain={isDomain} />
      </Suspense>
    </section>
  );
}

async function Architecture({ view, isDomain }: { view: EntityView; isDomain: boolean }) {
  const graph = await getArchitecture(view);
  const diagram = architectureDiagram(graph, { kind: isDomain ? "domain" : "system", label: view.displayName });
  const alone = diagram.nodes.every((n) => n.root);
  return (
    <DiagramSection
      diagram={diagram}
      truncated={graph.truncated}
      label={`Architecture diagram of ${view.displayName}`}
      narrow={
        <>
          The list below names every node shown. For the rest, open the <Link href={`${view.path}/graph`}>graph</Link> of a part and follow its
          relations.
        </>
      }
      empty={
        alone ? (
          <div className="panel" data-testid="graph-empty">
            <p>
              <strong>{view.displayName}</strong> has no {isDomain ? "systems" : "parts"} yet.
            </p>
            <p>
              {isDomain ? (
                <>
                  A system joins this domain when its descriptor says <code>spec.domain: {view.name}</code>.
                </>
              ) : (
                <>
                  Components, APIs and resources join this system when their descriptor says <code>spec.system: {view.name}</code>.
                </>
              )}
            </p>
          </div>
        ) : null
      }
    />
  );
}
