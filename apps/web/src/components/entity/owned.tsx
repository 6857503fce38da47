import { canonicalRef, entityPath, tryParseRef } from "@cartograph/contracts";
import Link from "next/link";
import type { OwnedEntities } from "@/lib/api-entity";
import styles from "./entity.module.css";

const KIND_PLURAL: Record<string, string> = {
  component: "Components",
  api: "APIs",
  resource: "Resources",
  system: "Systems",
  domain: "Domains",
  group: "Groups",
  user: "Users",
  location: "Locations",
  template: "Templates",
};
const plural = (kind: string) => KIND_PLURAL[kind] ?? `${kind.charAt(0).toUpperCase()}${kind.slice(1)}`;

/** The explore page filtered to these owners (and a kind): `/?owner=…&kind=…`. */
export function exploreHref(owners: string[], kind?: string): string {
  const query = new URLSearchParams(owners.map((o) => ["owner", o]));
  if (kind) query.set("kind", kind);
  return `/?${query}`;
}

/**
 * What the owners own, grouped by kind with a count each; when a kind has more than shown, a link
 * to the explore page filtered the same way. An item owned by someone other than `self` (a user's team) says so.
 */
export function Owned({ owned, owners, self, emptyText }: { owned: OwnedEntities; owners: string[]; self: string; emptyText: string }) {
  return (
    <section aria-labelledby="owned-heading" className={styles.section}>
      <div className={styles.sectionHeader}>
        <h2 id="owned-heading">
          Owns <span className={styles.count}>({owned.total})</span>
        </h2>
        {owned.total > 0 && <Link href={exploreHref(owners)}>Browse all in the catalog</Link>}
      </div>
      {owned.total === 0 ? (
        <p className={`panel ${styles.empty}`}>{emptyText}</p>
      ) : (
        <div className={`panel ${styles.groupList}`}>
          {owned.kinds.map(({ kind, count, items }) => (
            <section key={kind} className={styles.group} aria-labelledby={`owned-${kind}`}>
              <h3 id={`owned-${kind}`}>
                {plural(kind)} <span className={styles.count}>({count})</span>
              </h3>
              <ul className={styles.linkList}>
                {items.map((item) => {
                  const owner = typeof item.spec?.owner === "string" ? item.spec.owner : undefined;
                  const type = typeof item.spec?.type === "string" ? item.spec.type : undefined;
                  const ref = { kind: item.kind, namespace: item.metadata.namespace, name: item.metadata.name };
                  const through = owner && !sameRef(owner, self, item.metadata.namespace) ? ownerName(owner, item.metadata.namespace) : undefined;
                  return (
                    <li key={entityPath(ref)}>
                      <Link href={entityPath(ref)}>{item.metadata.title ?? item.metadata.name}</Link>
                      {(type || through) && (
                        <span className={styles.sub}>
                          {" "}
                          {[type, through && `through ${through}`].filter(Boolean).join(" · ")}
                        </span>
                      )}
                    </li>
                  );
                })}
              </ul>
              {count > items.length && (
                <p className={styles.sub}>
                  <Link href={exploreHref(owners, kind)}>
                    Show all {count} {plural(kind).toLowerCase()}
                  </Link>
                </p>
              )}
            </section>
          ))}
        </div>
      )}
    </section>
  );
}

/** Whether an owner as written (`team-a`, `user:ann`) is the entity `self` (canonical, `user:default/ann`). */
function sameRef(owner: string, self: string, namespace: string): boolean {
  const parsed = tryParseRef(owner, { defaultKind: "Group", defaultNamespace: namespace });
  return parsed !== null && canonicalRef(parsed) === self;
}

/** An owner as people say it: `team-a` for a group in the same namespace, the full reference otherwise. */
function ownerName(owner: string, namespace: string): string {
  const parsed = tryParseRef(owner, { defaultKind: "Group", defaultNamespace: namespace });
  if (!parsed) return owner;
  return parsed.kind.toLowerCase() === "group" && parsed.namespace.toLowerCase() === namespace.toLowerCase() ? parsed.name : canonicalRef(parsed);
}
