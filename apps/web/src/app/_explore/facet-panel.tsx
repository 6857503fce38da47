import Form from "next/form";
import type { FacetCounts, FacetValue } from "@/lib/api-explore";
import { displayValue, exploreHref, FACETS, hasSearch, selectedCount, type ExploreState, type Facet } from "@/lib/explore-params";
import { AutoSubmit } from "./auto-submit";
import { FacetFilterBox } from "./facet-filter-box";
import styles from "./explore.module.css";

const TOP = 8;
/**
 * At most this many values in a facet's "show all" list. A large catalog has thousands of owners;
 * rendering them all would multiply the page's HTML and its render time for a list nobody scrolls.
 * The search box narrows the facets too, which is how a rare value is found.
 */
const MAX_LISTED = 100;
const number = new Intl.NumberFormat("en");

/**
 * The facet filters: one GET form of checkboxes (so it works without JavaScript), submitted on
 * every change when JavaScript runs. Behind a disclosure on narrow screens; always open on wide ones.
 */
export function FacetPanel({ state, counts }: { state: ExploreState; counts: FacetCounts }) {
  const selected = selectedCount(state);
  return (
    <details className={styles.facets} aria-label="Filters">
      <summary className={styles.facetsSummary}>
        Filters
        {selected > 0 && (
          <span className="badge">
            {selected}
            <span className="visually-hidden"> selected</span>
          </span>
        )}
      </summary>
      <Form action="/" scroll={false} prefetch={false} className={styles.facetForm} aria-label="Filter the catalog">
        {hasSearch(state) && <input type="hidden" name="q" value={state.q} />}
        {state.sort && <input type="hidden" name="sort" value={state.sort} />}
        {state.limit !== 25 && <input type="hidden" name="limit" value={state.limit} />}
        {FACETS.map((facet) => (
          <FacetGroup key={facet.param} facet={facet} values={counts[facet.param]} />
        ))}
        <noscript>
          <button type="submit" className="button">
            Apply filters
          </button>
        </noscript>
        <AutoSubmit view={exploreHref(state)} />
      </Form>
    </details>
  );
}

function FacetGroup({ facet, values }: { facet: Facet; values: FacetValue[] }) {
  if (values.length === 0) return null;
  // The most common values, plus every selected one wherever it ranks.
  // A "show all" that would hide one or two values costs more than it saves.
  const cut = values.length <= TOP + 2 ? values.length : TOP;
  const top = values.filter((v, i) => i < cut || v.selected);
  const others = values.filter((v, i) => i >= cut && !v.selected);
  const rest = others.slice(0, MAX_LISTED);
  return (
    <fieldset className={styles.facet}>
      <legend>{facet.label}</legend>
      <FacetValues facet={facet} values={top} />
      {rest.length > 0 && (
        <details className={styles.more}>
          <summary>
            {others.length > rest.length ? "Show more" : `Show all ${number.format(values.length)}`}
            <span className="visually-hidden"> {facet.label.toLowerCase()} values</span>
          </summary>
          <FacetFilterBox label={facet.label}>
            <FacetValues facet={facet} values={rest} />
          </FacetFilterBox>
          {others.length > rest.length && (
            <p className={styles.facetNote}>
              The {number.format(top.length + rest.length)} most common of {number.format(values.length)}
              {values.length >= 1000 ? " or more" : ""}. Search to find others.
            </p>
          )}
        </details>
      )}
    </fieldset>
  );
}

function FacetValues({ facet, values }: { facet: Facet; values: FacetValue[] }) {
  return (
    <ul className={styles.facetValues}>
      {values.map((v) => {
        const shown = displayValue(facet, v.value);
        return (
          <li key={v.value} data-facet-value={shown}>
            <label className={styles.facetValue}>
              <input type="checkbox" name={facet.param} value={shown} defaultChecked={v.selected} />
              <span className={styles.facetName}>{shown}</span>{" "}
              <span className={styles.facetCount}>
                {number.format(v.count)}
                <span className="visually-hidden"> {v.count === 1 ? "entity" : "entities"}</span>
              </span>
            </label>
          </li>
        );
      })}
    </ul>
  );
}
