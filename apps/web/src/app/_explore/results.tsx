import { entityPath, tryParseRef } from "@cartograph/contracts";
import Link from "next/link";
import type { ExplorePage, ExploreRow } from "@/lib/api-explore";
import {
  displayValue,
  exploreHref,
  FACETS,
  firstPage,
  hasSearch,
  isNarrowed,
  nextPage,
  PAGE_SIZES,
  sortDirection,
  withFilterToggled,
  withLimit,
  withoutFilters,
  withoutSearch,
  withSortBy,
  type ExploreState,
  type SortableColumn,
} from "@/lib/explore-params";
import styles from "./explore.module.css";

const number = new Intl.NumberFormat("en");
const day = new Intl.DateTimeFormat("en", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });

/** The selected search and filters, each removable, and a way to drop them all. */
export function SelectedFilters({ state }: { state: ExploreState }) {
  if (!isNarrowed(state)) return null;
  return (
    <div className={styles.chips}>
      <ul aria-label="Selected filters">
        {hasSearch(state) && (
          <li>
            <Link href={exploreHref(withoutSearch(state))} className={styles.chip} aria-label={`Remove search “${state.q.trim()}”`} scroll={false}>
              <span className={styles.chipKey}>Search</span> “{state.q.trim()}” <span aria-hidden="true">×</span>
            </Link>
          </li>
        )}
        {FACETS.flatMap((facet) =>
          state.filters[facet.param].map((value) => {
            const shown = displayValue(facet, value);
            return (
              <li key={`${facet.param}:${value}`}>
                <Link href={exploreHref(withFilterToggled(state, facet, value))} className={styles.chip} aria-label={`Remove filter ${facet.label}: ${shown}`} scroll={false}>
                  <span className={styles.chipKey}>{facet.label}</span> {shown} <span aria-hidden="true">×</span>
                </Link>
              </li>
            );
          }),
        )}
      </ul>
      <Link href={exploreHref(withoutSearch(withoutFilters(state)))} className={styles.clearAll} scroll={false}>
        Clear all
      </Link>
    </div>
  );
}

/** "Showing 26–50 of 1,234", the order, and the page size choice. */
export function ResultsSummary({ state, page }: { state: ExploreState; page: ExplorePage }) {
  const total = page.totalItems;
  const shownCount = page.items.length;
  const start = state.page ? (state.page - 1) * state.limit + 1 : undefined;
  const what = total === 1 ? "entity" : "entities";
  const order = state.sort ? null : hasSearch(state) ? "best match first" : null;
  return (
    <div className={styles.summaryBar}>
      <p className={styles.summary} aria-live="polite" aria-atomic="true" data-testid="results-summary">
        {shownCount === 0 ? (
          <>
            <span data-testid="entity-count">{number.format(total)}</span> {what}
          </>
        ) : start !== undefined ? (
          <>
            Showing <strong>{number.format(start)}</strong>–<strong>{number.format(start + shownCount - 1)}</strong> of{" "}
            <strong data-testid="entity-count">{number.format(total)}</strong> {what}
          </>
        ) : (
          <>
            Showing {number.format(shownCount)} of <strong data-testid="entity-count">{number.format(total)}</strong> {what}
          </>
        )}
        {order && <span className="muted"> · {order}</span>}
      </p>
      <nav aria-label="Page size" className={styles.pageSize}>
        <span className="muted" aria-hidden="true">
          Per page
        </span>
        <ul>
          {PAGE_SIZES.map((size) => (
            <li key={size}>
              <Link href={exploreHref(withLimit(state, size))} aria-current={size === state.limit ? "true" : undefined} aria-label={`${size} per page`} scroll={false}>
                {size}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}

export function Pagination({ state, nextCursor }: { state: ExploreState; nextCursor?: string }) {
  if (!state.cursor && !nextCursor) return null;
  return (
    <nav className={styles.pagination} aria-label="Pagination">
      {state.cursor ? (
        <Link href={exploreHref(firstPage(state))} className={styles.pageLink}>
          <span aria-hidden="true">«</span> First page
        </Link>
      ) : (
        <span />
      )}
      {state.page && <span className="muted">Page {number.format(state.page)}</span>}
      {nextCursor ? (
        <Link href={exploreHref(nextPage(state, nextCursor))} className={styles.pageLink}>
          Next page <span aria-hidden="true">»</span>
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

function tableName(state: ExploreState): string {
  const onlyKind = state.filters.kind.length === 1 && FACETS.every((f) => f.param === "kind" || state.filters[f.param].length === 0);
  if (onlyKind && !hasSearch(state)) return `Entities of kind ${state.filters.kind[0]}`;
  if (hasSearch(state)) return `Entities matching “${state.q.trim()}”`;
  return isNarrowed(state) ? "Entities matching the filters" : "Entities in the catalog";
}

function SortHeader({ state, column, label }: { state: ExploreState; column: SortableColumn; label: string }) {
  const direction = sortDirection(state, column);
  const next = withSortBy(state, column);
  const nextLabel = next.sort?.startsWith("-") ? "descending" : "ascending";
  return (
    <th scope="col" aria-sort={direction}>
      <Link href={exploreHref(next)} className={styles.sortLink} scroll={false}>
        {label}
        <span className="visually-hidden">, sort {nextLabel}</span>
        <span className={styles.sortIcon} data-direction={direction} aria-hidden="true" />
      </Link>
    </th>
  );
}

const text = (v: unknown) => (typeof v === "string" && v.length > 0 ? v : undefined);

function RefLink({ value, defaultKind }: { value: unknown; defaultKind: string }) {
  const raw = text(value);
  if (!raw) return <span className="muted">—</span>;
  const ref = tryParseRef(raw, { defaultKind, defaultNamespace: "default" });
  if (!ref) return <>{raw}</>;
  const facet = FACETS.find((f) => "refKind" in f && f.refKind === defaultKind);
  return (
    <Link href={entityPath(ref)} prefetch={false}>
      {facet ? displayValue(facet, raw) : raw}
    </Link>
  );
}

export function ResultsTable({ state, rows }: { state: ExploreState; rows: ExploreRow[] }) {
  return (
    <div className={`table-scroll ${styles.tableWrap}`} role="region" aria-label="Results table" tabIndex={0}>
      <table className={styles.table}>
        <caption className="visually-hidden">{tableName(state)}</caption>
        <thead>
          <tr>
            <SortHeader state={state} column="name" label="Name" />
            <SortHeader state={state} column="kind" label="Kind" />
            <th scope="col">Type</th>
            <th scope="col">Lifecycle</th>
            <th scope="col">Owner</th>
            <th scope="col">System</th>
            <th scope="col" className={styles.descriptionHeader}>
              Description
            </th>
            <SortHeader state={state} column="updatedAt" label="Updated" />
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <Row key={`${row.kind}:${row.metadata.namespace}/${row.metadata.name}`} row={row} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Row({ row }: { row: ExploreRow }) {
  const { metadata: m, spec = {} } = row;
  const title = text(m.title);
  const lifecycle = text(spec.lifecycle);
  const updated = text(m.updatedAt);
  const updatedDate = updated && !Number.isNaN(Date.parse(updated)) ? new Date(updated) : undefined;
  return (
    <tr>
      <th scope="row" className={styles.nameCell}>
        {/* No prefetch: a page of rows in view would mean as many background renders and API calls. */}
        <Link href={entityPath({ kind: row.kind, namespace: m.namespace, name: m.name })} prefetch={false} className={styles.nameLink}>
          {title ?? m.name}
        </Link>
        {(title || m.namespace !== "default") && (
          <span className="cell-sub">
            {m.namespace !== "default" ? `${m.namespace}/` : ""}
            {m.name}
          </span>
        )}
      </th>
      <td className="nowrap">{row.kind}</td>
      <td className="nowrap">{text(spec.type) ?? <span className="muted">—</span>}</td>
      <td className="nowrap">
        {lifecycle ? (
          <span className={styles.lifecycle} data-lifecycle={lifecycle.toLowerCase()}>
            {lifecycle}
          </span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="nowrap">
        <RefLink value={spec.owner} defaultKind="group" />
      </td>
      <td className="nowrap">
        <RefLink value={spec.system} defaultKind="system" />
      </td>
      <td className={styles.description}>
        {/* Clamped to two lines on screen; assistive technology reads it whole. */}
        <span className={styles.clamp}>{text(m.description) ?? ""}</span>
      </td>
      <td className="nowrap">{updatedDate ? <time dateTime={updated}>{day.format(updatedDate)}</time> : <span className="muted">—</span>}</td>
    </tr>
  );
}
