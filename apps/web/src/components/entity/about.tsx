import Link from "next/link";
import type { ReactNode } from "react";
import type { EntityView } from "@/lib/entity-view";
import styles from "./entity.module.css";

export interface ProfileView {
  displayName?: string;
  email?: string;
}

/** Description, the main facts, links (anchors only for http(s)), labels and annotations. */
export function About({ view, profile }: { view: EntityView; profile?: ProfileView }) {
  return (
    <section aria-labelledby="about-heading" className={styles.section}>
      <h2 id="about-heading">About</h2>
      <div className="panel">
        <p className={`description ${styles.lead}`}>{view.description ?? <span className="muted">No description. Add one as metadata.description in the descriptor.</span>}</p>
        <dl className="facts">
          {profile && (
            <>
              <Fact term="Display name" value={profile.displayName} />
              <Fact term="Email" value={profile.email} />
            </>
          )}
          <OptionalFact term="Owner" value={view.owner && (view.ownerHref ? <Link href={view.ownerHref}>{view.owner}</Link> : view.owner)} />
          <OptionalFact term="Lifecycle" value={view.lifecycle} />
          <OptionalFact term="Type" value={view.type} />
          <OptionalFact term="System" value={view.system && (view.systemHref ? <Link href={view.systemHref}>{view.system}</Link> : view.system)} />
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
          <Fact term="Updated" value={<time dateTime={view.updatedAt}>{formatTime(view.updatedAt)}</time>} />
        </dl>
        <KeyValues title="Labels" entries={view.labels} />
        <KeyValues title="Annotations" entries={view.annotations} />
      </div>
    </section>
  );
}

/** UTC, to the minute: the same on the server and for every reader. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** A fact the entity does not have (a Group has no lifecycle) is left out. */
function OptionalFact({ term, value }: { term: string; value: ReactNode | undefined }) {
  return value ? <Fact term={term} value={value} /> : null;
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
  return (
    <>
      <h3 className="subheading">{title}</h3>
      <dl className="facts">
        {entries.map(([key, value]) => (
          <Fact key={key} term={key} value={<code>{value}</code>} />
        ))}
      </dl>
    </>
  );
}
