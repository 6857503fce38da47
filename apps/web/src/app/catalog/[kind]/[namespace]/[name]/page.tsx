import { EntityPathParamsSchema } from "@cartograph/contracts";
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { LiveUpdates } from "@/components/live-updates";
import { getEntity, getViewer, type Viewer } from "@/lib/api";
import { toEntityView, type EntityView } from "@/lib/entity-view";

type Params = Promise<{ kind: string; namespace: string; name: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// No loading.tsx here on purpose: streaming would commit a 200 before notFound() or an API
// failure could set the 404 / 500 status.
async function load(params: Params) {
  const ref = EntityPathParamsSchema.safeParse(await params);
  return ref.success ? getEntity(ref.data.kind, ref.data.namespace, ref.data.name) : null;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const entity = await load(params);
  // The page itself calls notFound(); nested not-found files cannot set metadata.
  if (!entity) return { title: "Entity not found" };
  return {
    title: entity.metadata.title ?? entity.metadata.name,
    description: entity.metadata.description,
  };
}

// Only a hint: whether a save is allowed is the API's decision, shown on the edit page.
const mayTryEditing = (viewer: Viewer) => viewer.state === "signed-in" && viewer.account.role !== "viewer";

export default async function EntityPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const [entity, viewer, sp] = await Promise.all([load(params), getViewer(), searchParams]);
  if (!entity) notFound();
  const view = toEntityView(entity);

  return (
    <article aria-labelledby="entity-title">
      <nav aria-label="Breadcrumb" className="muted">
        <Link href="/">Catalog</Link> / {view.namespace}
      </nav>
      <header className="page-header">
        <p>
          <span className="badge">{view.kind}</span>
        </p>
        <h1 id="entity-title">{view.displayName}</h1>
        <p className="muted">
          {view.title && (
            <>
              <code>{view.name}</code> ·{" "}
            </>
          )}
          namespace <code>{view.namespace}</code>
        </p>
        {mayTryEditing(viewer) && (
          <p className="actions">
            <Link href={`${view.path}/edit`} className="button">
              Edit
            </Link>
          </p>
        )}
      </header>

      <LiveUpdates refs={[`${view.kind}:${view.namespace}/${view.name}`.toLowerCase()]} etag={entity.metadata.etag} />
      {sp.saved === "1" && (
        <p role="status" className="panel notice-success">
          Saved. This is the entity as the catalog now holds it.
        </p>
      )}

      <About view={view} />
      <Relations view={view} />

      <section aria-labelledby="descriptor-heading">
        <h2 id="descriptor-heading">Descriptor</h2>
        <pre className="descriptor" tabIndex={0} aria-labelledby="descriptor-heading">
          <code>{JSON.stringify(entity, null, 2)}</code>
        </pre>
      </section>
    </article>
  );
}

function About({ view }: { view: EntityView }) {
  return (
    <section aria-labelledby="about-heading">
      <h2 id="about-heading">About</h2>
      <div className="panel">
        <p className="description">{view.description ?? <span className="muted">No description.</span>}</p>
        <dl className="facts">
          <Fact term="Owner" value={view.owner} />
          <Fact term="Lifecycle" value={view.lifecycle} />
          <Fact term="Type" value={view.type} />
          <Fact term="System" value={view.system} />
          <dt>Tags</dt>
          <dd>
            {view.tags.length > 0 ? (
              <ul className="tag-list" aria-label="Tags">
                {view.tags.map((tag) => (
                  <li key={tag} className="tag">
                    {tag}
                  </li>
                ))}
              </ul>
            ) : (
              <span className="muted">None</span>
            )}
          </dd>
          <dt>Links</dt>
          <dd>
            {view.links.length > 0 ? (
              <ul className="plain-list">
                {view.links.map((link, i) => (
                  <li key={`${link.url}-${i}`}>
                    {link.linkable ? (
                      <a href={link.url} rel="noopener noreferrer">
                        {link.label}
                      </a>
                    ) : (
                      <>
                        {link.label} <code>{link.url}</code>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              <span className="muted">None</span>
            )}
          </dd>
          <Fact term="Updated" value={<time dateTime={view.updatedAt}>{view.updatedAt}</time>} />
        </dl>
        <KeyValues title="Labels" entries={view.labels} />
        <KeyValues title="Annotations" entries={view.annotations} />
      </div>
    </section>
  );
}

function Fact({ term, value }: { term: string; value: ReactNode | undefined }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{value ?? <span className="muted">—</span>}</dd>
    </>
  );
}

function KeyValues({ title, entries }: { title: string; entries: [string, string][] }) {
  if (entries.length === 0) return null;
  const id = `${title.toLowerCase()}-heading`;
  return (
    <>
      <h3 id={id} className="subheading">
        {title}
      </h3>
      <dl className="facts" aria-labelledby={id}>
        {entries.map(([key, value]) => (
          <Fact key={key} term={key} value={<code>{value}</code>} />
        ))}
      </dl>
    </>
  );
}

function Relations({ view }: { view: EntityView }) {
  return (
    <section aria-labelledby="relations-heading">
      <h2 id="relations-heading">Relations</h2>
      <div className="panel">
        {view.relations.length === 0 ? (
          <p className="muted">This entity declares no relations.</p>
        ) : (
          <dl className="facts">
            {view.relations.map((relation) => (
              <Fact
                key={relation.label}
                term={relation.label}
                value={
                  <ul className="plain-list">
                    {relation.refs.map((ref) => (
                      <li key={ref}>
                        <code>{ref}</code>
                      </li>
                    ))}
                  </ul>
                }
              />
            ))}
          </dl>
        )}
      </div>
    </section>
  );
}
