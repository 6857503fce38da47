import type { RelationGroupView } from "@/lib/entity-view";
import { RelatedLink } from "./related-link";
import styles from "./entity.module.css";

/** A big team owns thousands; past this many per type the list says how many more (the Owns section and explore list them all). */
const SHOWN_PER_TYPE = 50;

/** Relations in both directions, grouped by type; dangling targets marked as such. */
export function Relations({ groups }: { groups: RelationGroupView[] }) {
  return (
    <section aria-labelledby="relations-heading" className={styles.section}>
      <h2 id="relations-heading">Relations</h2>
      {groups.length === 0 ? (
        <p className={`panel ${styles.empty}`}>
          No relations yet. Relations come from spec fields such as owner, system, dependsOn, providesApis and consumesApis, and from other entities that name this one.
        </p>
      ) : (
        <div className={`panel ${styles.groupList}`}>
          {groups.map((group) => (
            <section key={group.type} className={styles.group} aria-labelledby={`relation-${group.type}`}>
              <h3 id={`relation-${group.type}`}>
                {group.label} <span className={styles.count}>({group.items.length})</span>
              </h3>
              <ul className={styles.linkList}>
                {group.items.slice(0, SHOWN_PER_TYPE).map((item) => (
                  <li key={item.targetRef}>
                    <RelatedLink related={item} />
                  </li>
                ))}
              </ul>
              {group.items.length > SHOWN_PER_TYPE && <p className={styles.sub}>and {group.items.length - SHOWN_PER_TYPE} more</p>}
            </section>
          ))}
        </div>
      )}
    </section>
  );
}
