import type { Metadata } from "next";
import Link from "next/link";
import { ApiError } from "@/lib/api";
import { exploreEntities, exploreFacets, type ExplorePage, type FacetCounts } from "@/lib/api-explore";
import {
  displayValue,
  exploreHref,
  FACETS,
  firstPage,
  hasSearch,
  isNarrowed,
  parseExplore,
  withFilterToggled,
  withoutFilters,
  withoutSearch,
  type ExploreState,
  type SearchParams,
} from "@/lib/explore-params";
import { FacetPanel } from "./_explore/facet-panel";
import { Pagination, ResultsSummary, ResultsTable, SelectedFilters } from "./_explore/results";
import { SearchBox } from "./_explore/search-box";
import styles from "./_explore/explore.module.css";

export const metadata: Metadata = { title: "Catalog" };

export default async function ExplorePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { state, problems } = parseExplore(await searchParams);
  if (problems.length > 0) return <Explore state={state} problem={{ reasons: problems, fix: state }} />;

  // The list and the facets in parallel: the page costs the slower of the two, not their sum.
  const [list, facets] = await Promise.allSettled([exploreEntities(state), exploreFacets(state)]);
  for (const settled of [list, facets]) {
    if (settled.status === "rejected") {
      const error = settled.reason;
      // A stale or hand-edited link is the link's fault, not an outage: explain it instead of a 500.
      if (error instanceof ApiError && error.status === 400) {
        const reasons = error.errors.length > 0 ? error.errors.map((e) => e.message) : [error.detail ?? error.title];
        const badCursor = error.code === "invalid_cursor";
        return <Explore state={state} problem={{ reasons: badCursor ? ["The page position (cursor) in this link is not valid for this view: it may be from another search or too old."] : reasons, fix: badCursor ? firstPage(state) : undefined, requestId: error.requestId }} />;
      }
      throw error;
    }
  }
  return <Explore state={state} page={(list as PromiseFulfilledResult<ExplorePage>).value} counts={(facets as PromiseFulfilledResult<FacetCounts>).value} />;
}

interface Problem {
  reasons: string[];
  /** The same view without what was wrong, when there is one. */
  fix?: ExploreState;
  requestId?: string;
}

function Explore({ state, page, counts, problem }: { state: ExploreState; page?: ExplorePage; counts?: FacetCounts; problem?: Problem }) {
  return (
    <>
      <div className={styles.header}>
        <h1>Catalog</h1>
        <p className="muted">Every service, API, resource, system and team, searchable and filterable.</p>
      </div>
      <SearchBox q={state.q} keep={keptBySearch(state)} />
      <div className={styles.layout}>
        {counts && <FacetPanel state={state} counts={counts} />}
        <section className={styles.results} aria-labelledby="results-heading">
          <h2 id="results-heading" className="visually-hidden">
            Results
          </h2>
          {problem ? (
            <InvalidLink problem={problem} />
          ) : page ? (
            <>
              <SelectedFilters state={state} />
              <ResultsSummary state={state} page={page} />
              {page.items.length > 0 ? <ResultsTable state={state} rows={page.items} /> : <Empty state={state} total={page.totalItems} />}
              <Pagination state={state} nextCursor={page.pageInfo.nextCursor} />
            </>
          ) : null}
        </section>
      </div>
    </>
  );
}

/** What the search form carries along for a visit without JavaScript (the box replaces q and drops the cursor). */
function keptBySearch(state: ExploreState): [string, string][] {
  const kept: [string, string][] = FACETS.flatMap((f) => state.filters[f.param].map((v) => [f.param, v] as [string, string]));
  if (state.sort) kept.push(["sort", state.sort]);
  if (state.limit !== 25) kept.push(["limit", String(state.limit)]);
  return kept;
}

function InvalidLink({ problem }: { problem: Problem }) {
  return (
    <div className="panel notice" role="alert">
      <h3 className={styles.panelHeading}>This catalog link is not valid</h3>
      <ul className="plain-list">
        {problem.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      {problem.requestId && (
        <p className="muted">
          Request id: <code>{problem.requestId}</code>
        </p>
      )}
      <p className={styles.actionsRow}>
        {problem.fix && isNarrowed(problem.fix) && <Link href={exploreHref(firstPage(problem.fix))}>Show the first page of this view</Link>}
        <Link href="/">Start from the whole catalog</Link>
      </p>
    </div>
  );
}

function Empty({ state, total }: { state: ExploreState; total: number }) {
  if (state.cursor && total > 0) {
    return (
      <div className="panel">
        <h3 className={styles.panelHeading}>No more results</h3>
        <p>This page is past the end of the results.</p>
        <p>
          <Link href={exploreHref(firstPage(state))}>Go to the first page</Link>
        </p>
      </div>
    );
  }
  if (isNarrowed(state)) {
    const removals = [
      ...(hasSearch(state) ? [{ label: `the search “${state.q.trim()}”`, href: exploreHref(withoutSearch(state)) }] : []),
      ...FACETS.flatMap((facet) =>
        state.filters[facet.param].map((value) => ({
          label: `${facet.label.toLowerCase()} ${displayValue(facet, value)}`,
          href: exploreHref(withFilterToggled(state, facet, value)),
        })),
      ),
    ];
    return (
      <div className="panel" data-testid="no-results">
        <h3 className={styles.panelHeading}>No entities match</h3>
        <p>Nothing in the catalog matches all of these at once. Try removing one:</p>
        <ul className={styles.removals}>
          {removals.map((r) => (
            <li key={r.href}>
              <Link href={r.href}>Remove {r.label}</Link>
            </li>
          ))}
        </ul>
        <p>
          Or <Link href={exploreHref(withoutSearch(withoutFilters(state)))}>clear all filters</Link> and start again. Search matches the start of words in
          names, titles, descriptions and tags (“pay” finds “payments-api”).
        </p>
      </div>
    );
  }
  return (
    <div className="panel" data-testid="empty-catalog">
      <h3 className={styles.panelHeading}>The catalog is empty</h3>
      <p>Nothing has been registered yet. To add your first entities:</p>
      <ul className="plain-list">
        <li>
          <Link href="/register">Register a descriptor</Link>: paste or upload a <code>catalog-info.yaml</code>, check it, and submit it (editors and admins).
        </li>
        <li>
          Or send many at once to the API: <code>POST /api/v1/ingest</code> with a YAML stream or a JSON array of entities and an{" "}
          <code>Authorization: Bearer</code> token.
        </li>
      </ul>
    </div>
  );
}
