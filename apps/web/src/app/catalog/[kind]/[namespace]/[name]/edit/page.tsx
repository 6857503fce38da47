import { EntityPathParamsSchema } from "@cartograph/contracts";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getEntity } from "@/lib/api";
import { toEntityView } from "@/lib/entity-view";
import { descriptorYaml } from "./descriptor-yaml";
import { EditForm } from "./edit-form";

type Params = Promise<{ kind: string; namespace: string; name: string }>;

async function load(params: Params) {
  const ref = EntityPathParamsSchema.safeParse(await params);
  if (!ref.success) return null;
  const entity = await getEntity(ref.data.kind, ref.data.namespace, ref.data.name);
  return entity ? { ref: ref.data, entity } : null;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const loaded = await load(params);
  return { title: loaded ? `Edit ${loaded.entity.metadata.title ?? loaded.entity.metadata.name}` : "Entity not found" };
}

/**
 * Open to anyone signed in: the page does not guess who may edit what. Saving asks the API,
 * which refuses (and says why) when the entity is not the visitor's to change.
 */
export default async function EditEntityPage({ params }: { params: Params }) {
  const loaded = await load(params);
  if (!loaded) notFound();
  const { entity } = loaded;
  const view = toEntityView(entity);
  const ref = { kind: entity.kind, namespace: entity.metadata.namespace, name: entity.metadata.name };

  return (
    <article aria-labelledby="edit-title">
      <nav aria-label="Breadcrumb" className="muted">
        <Link href="/">Catalog</Link> / <Link href={view.path}>{view.displayName}</Link> / edit
      </nav>
      <header className="page-header">
        <h1 id="edit-title">Edit {view.displayName}</h1>
        <p className="muted">
          <code>{`${view.kind}:${view.namespace}/${view.name}`}</code>
        </p>
      </header>
      <div className="panel">
        {/* Keyed by version: a refresh that brings a new version starts the form afresh. */}
        <EditForm key={entity.metadata.etag} entityRef={ref} etag={entity.metadata.etag} initialDescriptor={descriptorYaml(entity)} entityHref={view.path} />
      </div>
    </article>
  );
}
