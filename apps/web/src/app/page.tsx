import { ListEntitiesQuerySchema, type EntityListResponse } from "@cartograph/contracts";
import type { Metadata } from "next";
import Link from "next/link";
import { ApiError, listEntities } from "@/lib/api";
import { toEntityView, type EntityView } from "@/lib/entity-view";

export const metadata: Metadata = { title: "Catalog" };

const PAGE_SIZE = 25;

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

function catalogHref(params: { kind?: string; cursor?: string }): string {
  const search = new URLSearchParams();
  if (params.kind) search.set("kind", params.kind);
  if (params.cursor) search.set("cursor", params.cursor);
  return search.size > 0 ? `/?${search}` : "/";
}

export default async function CatalogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const query = ListEntitiesQuerySchema.safeParse({ limit: PAGE_SIZE, cursor: first(sp.cursor), kind: first(sp.kind) });

  if (!query.success) return <InvalidLink reason={query.error.issues.map((i) => i.message).join("; ")} />;

  const { kind, cursor } = query.data;
  let page: EntityListResponse;
  try {
    page = await listEntities(query.data);
  } catch (error) {
    // A stale or hand-edited cursor is the link's fault, not an outage: say so instead of a 500.
    if (error instanceof ApiError && error.status === 400) return <InvalidLink reason={error.detail ?? error.title} />;
    throw error;
  }
  const entities = page.items.map(toEntityView);
  const nextCursor = page.pageInfo.nextCursor;

  return (
    <>
      <CatalogHeader kind={kind} total={page.totalItems} />
      {entities.length === 0 ? (
        <EmptyState kind={kind} laterPage={Boolean(cursor)} />
      ) : (
        <EntityTable entities={entities} kind={kind} />
      )}
      {(cursor || nextCursor) && (
        <nav className="pagination" aria-label="Pagination">
          {cursor && <Link href={catalogHref({ kind })}>First page</Link>}
          {nextCursor && <Link href={catalogHref({ kind, cursor: nextCursor })}>Next page</Link>}
        </nav>
      )}
    </>
  );
}

function InvalidLink({ reason }: { reason: string }) {
  return (
    <>
      <CatalogHeader />
      <div className="panel notice" role="alert">
        <p>This catalog link is not valid: {reason.replace(/\.$/, "")}.</p>
        <p>
          <Link href="/">Go to the first page</Link>
        </p>
      </div>
    </>
  );
}

function CatalogHeader({ kind, total }: { kind?: string; total?: number }) {
  return (
    <div className="page-header">
      <h1>Catalog</h1>
      {total !== undefined && (
        <p className="muted">
          <span data-testid="entity-count">{total === 1 ? "1 entity" : `${total} entities`}</span>
          {kind && (
            <>
              {" "}
              of kind <strong>{kind}</strong> · <Link href="/">Show all kinds</Link>
            </>
          )}
        </p>
      )}
    </div>
  );
}

function EmptyState({ kind, laterPage }: { kind?: string; laterPage: boolean }) {
  if (laterPage || kind) {
    return (
      <div className="panel">
        <p>No entities {kind ? <>of kind <strong>{kind}</strong> </> : null}on this page.</p>
      </div>
    );
  }
  return (
    <div className="panel">
      <p>
        <strong>No entities yet.</strong> Register one by sending a <code>catalog-info.yaml</code> descriptor to{" "}
        <code>POST /api/v1/entities</code> on the API, as <code>application/yaml</code> or <code>application/json</code>{" "}
        with an <code>Authorization: Bearer</code> admin token. It will be listed here.
      </p>
    </div>
  );
}

function EntityTable({ entities, kind }: { entities: EntityView[]; kind?: string }) {
  return (
    <div className="table-scroll" role="region" aria-label="Entities" tabIndex={0}>
      <table>
        <caption>{kind ? `Entities of kind ${kind}` : "Entities in the catalog"}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Type</th>
            <th scope="col">Lifecycle</th>
            <th scope="col">Owner</th>
            <th scope="col">Description</th>
          </tr>
        </thead>
        <tbody>
          {entities.map((e) => (
            <tr key={`${e.kind}:${e.namespace}/${e.name}`}>
              <th scope="row" className="nowrap">
                {/* No prefetch: 25 rows in the viewport would mean 25 background renders and API calls. */}
                <Link href={e.path} prefetch={false}>
                  {e.displayName}
                </Link>
                {(e.title || e.namespace !== "default") && (
                  <span className="cell-sub">
                    {e.namespace !== "default" ? `${e.namespace}/` : ""}
                    {e.name}
                  </span>
                )}
              </th>
              <td className="nowrap">{e.kind}</td>
              <td className="nowrap">{e.type ?? "—"}</td>
              <td className="nowrap">{e.lifecycle ?? "—"}</td>
              <td className="nowrap">{e.owner ?? "—"}</td>
              <td className="description-cell">{e.description ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
