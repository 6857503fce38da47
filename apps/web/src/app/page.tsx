import { canonicalRef, tryParseRef } from "@cartograph/contracts";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { Suspense } from "react";
import { ApiError } from "@/lib/api";
import { exploreEntities, exploreFacets, type ExplorePage as Page, type FacetCounts } from "@/lib/api-explore";
import { FACETS, firstPage, parseExplore, type ExploreState, type SearchParams } from "@/lib/explore-params";
import { ExploreSkeleton } from "./_explore/explore-skeleton";
import { FacetPanel } from "./_explore/facet-panel";
import { Pagination, ResultsSummary, ResultsTable, SelectedFilters } from "./_explore/results";
import { SearchBox } from "./_explore/search-box";
import { Empty, InvalidLink, type Problem } from "./_explore/states";
import styles from "./_explore/explore.module.css";

export const metadata: Metadata = { title: "Catalog" };

type Loaded = { page: Page; counts: FacetCounts; problem?: undefined } | { problem: Problem; page?: undefined; counts?: undefined };

/** The list and the facets in parallel: the page costs the slower of the two, not their sum. */
async function load(state: ExploreState, problems: string[]): Promise<Loaded> {
  if (problems.length > 0) return { problem: { reasons: problems, fix: state } };
  const [list, facets] = await Promise.allSettled([exploreEntities(state), exploreFacets(state)]);
  for (const settled of [list, facets]) {
    if (settled.status === "fulfilled") continue;
    const error = settled.reason;
    // A stale or hand-edited link is the link's fault, not an outage: explain it instead of a 500.
    if (!(error instanceof ApiError) || error.status !== 400) throw error;
    if (error.code === "invalid_cursor") {
      return { problem: { reasons: ["The page position (cursor) in this link is not valid for this view: it may be from another search or too old."], fix: firstPage(state), requestId: error.requestId } };
    }
    const reasons = error.errors.length > 0 ? error.errors.map((e) => e.message) : [error.detail ?? error.title];
    return { problem: { reasons, requestId: error.requestId } };
  }
  return { page: (list as PromiseFulfilledResult<Page>).value, counts: (facets as PromiseFulfilledResult<FacetCounts>).value };
}

/**
 * A page load renders whole before its first byte, without a Suspense boundary, so a failure gets
 * its real status (5xx) and the page works without JavaScript (a boundary may flush its fallback
 * while client components load, and only script swaps it). A navigation inside the app streams
 * instead: the search box at once, the results' skeleton until they arrive. Searching and
 * filtering on this page are transitions, which keep the current results on screen meanwhile.
 * The first navigation after a page load remounts the results (the tree gains the boundary);
 * AutoSubmit puts the keyboard focus back where it was.
 */
async function isDocumentRequest(): Promise<boolean> {
  const dest = (await headers()).get("sec-fetch-dest");
  return dest === null || dest === "document";
}

export default async function ExplorePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const { state, problems } = parseExplore(sp);
  const loading = load(state, problems);
  loading.catch(() => {}); // awaited below or by StreamedResults; this only keeps Node from calling it unhandled meanwhile
  const content = (await isDocumentRequest()) ? (
    <Results state={state} loaded={await loading} />
  ) : (
    <Suspense fallback={<ExploreSkeleton />}>
      <StreamedResults state={state} loading={loading} />
    </Suspense>
  );
  const deleted = deletedRef(sp);
  return (
    <>
      <div className={styles.header}>
        <h1>Catalog</h1>
        <p className="muted">Every service, API, resource, system and team, searchable and filterable.</p>
      </div>
      {deleted && (
        <p role="status" className="panel notice-success">
          Deleted <code>{deleted}</code>. It is gone from the catalog; its history is kept.
        </p>
      )}
      <SearchBox q={state.q} keep={keptBySearch(state)} />
      {content}
    </>
  );
}

/** The edit page sends a deletion here as `?deleted=<ref>`; only a well-formed ref is echoed. */
function deletedRef(sp: SearchParams): string | undefined {
  const raw = Array.isArray(sp.deleted) ? sp.deleted[0] : sp.deleted;
  const ref = raw ? tryParseRef(raw, { defaultNamespace: "default" }) : null;
  return ref ? canonicalRef(ref) : undefined;
}

async function StreamedResults({ state, loading }: { state: ExploreState; loading: Promise<Loaded> }) {
  return <Results state={state} loaded={await loading} />;
}

function Results({ state, loaded }: { state: ExploreState; loaded: Loaded }) {
  const { page, counts, problem } = loaded;
  return (
    <div className={styles.layout}>
      {counts && <FacetPanel state={state} counts={counts} />}
      <section className={styles.results} aria-labelledby="results-heading">
        <h2 id="results-heading" className="visually-hidden">
          Results
        </h2>
        {problem ? (
          <InvalidLink problem={problem} />
        ) : (
          <>
            <SelectedFilters state={state} />
            <ResultsSummary state={state} page={page} />
            {page.items.length > 0 ? <ResultsTable state={state} rows={page.items} /> : <Empty state={state} total={page.totalItems} />}
            <Pagination state={state} nextCursor={page.pageInfo.nextCursor} />
          </>
        )}
      </section>
    </div>
  );
}

/** What the search form carries along for a visit without JavaScript (the box replaces q and drops the cursor). */
function keptBySearch(state: ExploreState): [string, string][] {
  const kept: [string, string][] = FACETS.flatMap((f) => state.filters[f.param].map((v) => [f.param, v] as [string, string]));
  if (state.sort) kept.push(["sort", state.sort]);
  if (state.limit !== 25) kept.push(["limit", String(state.limit)]);
  return kept;
}
