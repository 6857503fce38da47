import { canonicalRef } from "@cartograph/contracts";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { EntityTabs, EntityTitle } from "@/components/entity/entity-nav";
import styles from "@/components/entity/entity.module.css";
import { LiveUpdates } from "@/components/live-updates";
import { getViewer, type Viewer } from "@/lib/api";
import { entityFromParams } from "@/lib/api-entity";
import { entityTabs, toEntityView } from "@/lib/entity-view";

type Params = Promise<{ kind: string; namespace: string; name: string }>;

// No loading.tsx above this layout on purpose: it awaits the entity before anything streams, so
// notFound() and API failures still set the 404 / 500 status. Each tab streams below it.

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const loaded = await entityFromParams(params);
  if (!loaded) return { title: "Entity not found" };
  return { description: loaded.entity.metadata.description };
}

// Only a hint: whether a save is allowed is the API's decision, shown on the edit page.
const mayTryEditing = (viewer: Viewer) => viewer.state === "signed-in" && viewer.account.role !== "viewer";

export default async function EntityLayout({ params, children }: { params: Params; children: ReactNode }) {
  const [loaded, viewer] = await Promise.all([entityFromParams(params), getViewer()]);
  if (!loaded) notFound();
  const { ref, entity } = loaded;
  const view = toEntityView(entity);

  return (
    <div className={styles.page}>
      <LiveUpdates refs={[canonicalRef(ref)]} etag={entity.metadata.etag} />
      <nav aria-label="Breadcrumb" className={`muted ${styles.breadcrumb}`}>
        <Link href="/">Catalog</Link> / <Link href={`/?kind=${encodeURIComponent(view.kind.toLowerCase())}`}>{view.kind}</Link> / {view.namespace}
      </nav>
      <header className={styles.header}>
        <div className={styles.headerMain}>
          <span className="badge">{view.kind}</span>
          <EntityTitle id="entity-title">{view.displayName}</EntityTitle>
          <p className={styles.identity}>
            <code>{view.name}</code> in namespace <code>{view.namespace}</code>
          </p>
          <dl className={styles.summary}>
            {view.owner && (
              <div>
                <dt>Owner</dt>
                <dd>{view.ownerHref ? <Link href={view.ownerHref}>{view.owner}</Link> : view.owner}</dd>
              </div>
            )}
            {view.lifecycle && (
              <div>
                <dt>Lifecycle</dt>
                <dd>{view.lifecycle}</dd>
              </div>
            )}
            {view.system && (
              <div>
                <dt>System</dt>
                <dd>{view.systemHref ? <Link href={view.systemHref}>{view.system}</Link> : view.system}</dd>
              </div>
            )}
            {view.type && (
              <div>
                <dt>Type</dt>
                <dd>{view.type}</dd>
              </div>
            )}
          </dl>
          {view.tags.length > 0 && (
            <ul className={`tag-list ${styles.tags}`} aria-label="Tags">
              {view.tags.map((tag) => (
                <li key={tag} className="tag">
                  {tag}
                </li>
              ))}
            </ul>
          )}
        </div>
        {mayTryEditing(viewer) && (
          <div className={styles.headerActions}>
            <Link href={`${view.path}/edit`} className="button">
              Edit
            </Link>
          </div>
        )}
      </header>
      <EntityTabs tabs={entityTabs(view.kind, view.path)} />
      {children}
    </div>
  );
}
