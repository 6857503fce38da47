import Link from "next/link";
import { displayValue, exploreHref, FACETS, firstPage, hasSearch, isNarrowed, withFilterToggled, withoutFilters, withoutSearch, type ExploreState } from "@/lib/explore-params";
import styles from "./explore.module.css";

export interface Problem {
  reasons: string[];
  /** The same view without what was wrong, when there is one. */
  fix?: ExploreState;
  requestId?: string;
}

export function InvalidLink({ problem }: { problem: Problem }) {
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

export function Empty({ state, total }: { state: ExploreState; total: number }) {
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
