import type { EntityVersion } from "@cartograph/contracts";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatTime } from "@/components/entity/about";
import { DiffTable } from "@/components/entity/diff-table";
import { entityTabMetadata } from "@/components/entity/entity-metadata";
import styles from "@/components/entity/entity.module.css";
import { lineDiff } from "@/components/entity/line-diff";
import { entityFromParams, getEntityHistory, getEntityVersion, type EntityRef, type EntityVersionWithDescriptor } from "@/lib/api-entity";
import { descriptorYaml, toEntityView } from "@/lib/entity-view";

type Params = Promise<{ kind: string; namespace: string; name: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const PAGE_SIZE = 20;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const versionId = (v: string | undefined) => (v && /^\d{1,19}$/.test(v) ? v : undefined);

export function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return entityTabMetadata(params, "History");
}

export default async function EntityHistory({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const [loaded, sp] = await Promise.all([entityFromParams(params), searchParams]);
  if (!loaded) notFound();
  const { ref, entity } = loaded;
  const view = toEntityView(entity);
  const cursor = one(sp.cursor);
  const history = await getEntityHistory(ref, { cursor, limit: PAGE_SIZE });
  const historyPath = `${view.path}/history`;

  return (
    <>
      <section aria-labelledby="history-heading" className={styles.section}>
        <h2 id="history-heading">History</h2>
        <p className="muted">Every version the catalog stored, newest first: who changed it, through what, and when.</p>
        {history.items.length === 0 ? (
          <p className={`panel ${styles.empty}`}>No versions on this page. {cursor && <Link href={historyPath}>Back to the newest versions</Link>}</p>
        ) : (
          <VersionTable versions={history.items} historyPath={historyPath} />
        )}
        {(cursor || history.pageInfo.nextCursor) && (
          <nav aria-label="History pages" className="pagination">
            {cursor && <Link href={historyPath}>Newest versions</Link>}
            {history.pageInfo.nextCursor && <Link href={`${historyPath}?${new URLSearchParams({ cursor: history.pageInfo.nextCursor })}`}>Older versions</Link>}
          </nav>
        )}
      </section>
      <Comparison entityRef={ref} versions={history.items} from={versionId(one(sp.from))} to={versionId(one(sp.to))} cursor={cursor} historyPath={historyPath} />
    </>
  );
}

function VersionTable({ versions, historyPath }: { versions: EntityVersion[]; historyPath: string }) {
  return (
    // Focusable: on a phone the table scrolls sideways inside this region.
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Versions">
      <table>
        <caption>Versions of this entity</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Change</th>
            <th scope="col">Author</th>
            <th scope="col">Source</th>
            <th scope="col">Time</th>
            <th scope="col">Request id</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v, i) => {
            const previous = versions[i + 1];
            return (
              <tr key={v.id}>
                <th scope="row" className="nowrap">
                  Version {v.version}
                  {previous && (
                    <span className="cell-sub">
                      <Link href={`${historyPath}?${new URLSearchParams({ from: previous.id, to: v.id })}#diff-heading`}>
                        Compare with version {previous.version}
                      </Link>
                    </span>
                  )}
                </th>
                <td>{v.operation}</td>
                <td className="nowrap">{v.actor}</td>
                <td>{v.source ?? <span className="muted">API</span>}</td>
                <td className="nowrap">
                  <time dateTime={v.createdAt}>{formatTime(v.createdAt)}</time>
                </td>
                <td>{v.requestId ? <code>{v.requestId}</code> : <span className="muted">—</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

interface ComparisonProps {
  entityRef: EntityRef;
  versions: EntityVersion[];
  from?: string;
  to?: string;
  cursor?: string;
  historyPath: string;
}

/** Two versions' descriptors as YAML, diffed on the server; by default the newest against the one before. */
async function Comparison({ entityRef, versions, from, to, cursor, historyPath }: ComparisonProps) {
  const toId = to ?? versions[0]?.id;
  if (!toId) return null;
  const fromId = from ?? (to ? versions[versions.findIndex((v) => v.id === to) + 1]?.id : versions[1]?.id);
  const [after, before] = await Promise.all([getEntityVersion(entityRef, toId), fromId ? getEntityVersion(entityRef, fromId) : Promise.resolve(null)]);
  if (!after || (fromId && !before)) notFound();
  const diff = lineDiff(before ? yamlOf(before) : "", yamlOf(after));
  const choices = withSelected(versions, [after, before]);
  const fromLabel = before ? `version ${before.version}` : "nothing (the entity did not exist)";

  return (
    <section aria-labelledby="diff-heading" className={styles.section}>
      <h2 id="diff-heading">Changes</h2>
      <form method="get" action={historyPath} className={styles.compare} aria-label="Choose versions to compare">
        {cursor && <input type="hidden" name="cursor" value={cursor} />}
        <div className={styles.field}>
          <label htmlFor="compare-from">From</label>
          <select id="compare-from" name="from" defaultValue={before?.id ?? ""}>
            <option value="">Nothing (before creation)</option>
            {choices.map((v) => (
              <option key={v.id} value={v.id}>
                {`Version ${v.version} · ${v.operation} by ${v.actor}`}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.field}>
          <label htmlFor="compare-to">To</label>
          <select id="compare-to" name="to" defaultValue={after.id}>
            {choices.map((v) => (
              <option key={v.id} value={v.id}>
                {`Version ${v.version} · ${v.operation} by ${v.actor}`}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          Compare
        </button>
      </form>
      <p>
        From {fromLabel} to version {after.version}: {diff.added} {diff.added === 1 ? "line" : "lines"} added, {diff.removed} removed.
      </p>
      {diff.rows.length === 0 ? (
        <p className={`panel ${styles.empty}`}>The two descriptors are the same.</p>
      ) : (
        <DiffTable diff={diff} caption={`Changes from ${fromLabel} to version ${after.version}`} />
      )}
    </section>
  );
}

function yamlOf(version: EntityVersionWithDescriptor): string {
  return version.descriptor ? descriptorYaml(version.descriptor) : "";
}

/** The versions on this page, plus the chosen ones when they live on another page; newest first. */
function withSelected(versions: EntityVersion[], chosen: (EntityVersion | null)[]): EntityVersion[] {
  const all = new Map(versions.map((v) => [v.id, v]));
  for (const v of chosen) if (v && !all.has(v.id)) all.set(v.id, v);
  return [...all.values()].sort((a, b) => b.version - a.version);
}
