import { canonicalRef, type Entity, type EntityRelationsResponse } from "@cartograph/contracts";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { About, type ProfileView } from "@/components/entity/about";
import { entityTabMetadata } from "@/components/entity/entity-metadata";
import styles from "@/components/entity/entity.module.css";
import { Owned } from "@/components/entity/owned";
import { Problems } from "@/components/entity/problems";
import { RelatedLink } from "@/components/entity/related-link";
import { Relations } from "@/components/entity/relations";
import { TabLoading } from "@/components/entity/tab-loading";
import { entityFromParams, getEntityRelations, getOwnedEntities, type EntityRef } from "@/lib/api-entity";
import { groupRelations, problemsOf, relatedOf, toEntityView, type RelatedView } from "@/lib/entity-view";

type Params = Promise<{ kind: string; namespace: string; name: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return entityTabMetadata(params);
}

export default async function EntityOverview({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const [loaded, sp] = await Promise.all([entityFromParams(params), searchParams]);
  if (!loaded) notFound();
  const { ref, entity } = loaded;
  const view = toEntityView(entity);
  const kind = entity.kind.toLowerCase();

  return (
    <>
      {sp.saved === "1" && (
        <p role="status" className="panel notice-success">
          Saved. This is the entity as the catalog now holds it.
        </p>
      )}
      {sp.registered === "1" && (
        <p role="status" className="panel notice-success">
          Registered. The entity is in the catalog now; its history starts here.
        </p>
      )}
      <About view={view} profile={kind === "group" || kind === "user" ? profileOf(entity) : undefined} />
      <Problems problems={problemsOf(entity)} />
      {/* What needs more calls streams in after what the entity itself says. */}
      <Suspense fallback={<TabLoading />}>
        <RelatedSections entityRef={ref} kind={kind} />
      </Suspense>
    </>
  );
}

async function RelatedSections({ entityRef, kind }: { entityRef: EntityRef; kind: string }) {
  const relations = await getEntityRelations(entityRef);
  return (
    <>
      {kind === "group" && <GroupSections entityRef={entityRef} relations={relations} />}
      {kind === "user" && <UserSections entityRef={entityRef} relations={relations} />}
      <Relations groups={groupRelations(relations.items)} />
    </>
  );
}

function profileOf(entity: Entity): ProfileView {
  const profile = entity.spec.profile;
  if (typeof profile !== "object" || profile === null) return {};
  const { displayName, email } = profile as Record<string, unknown>;
  return { displayName: typeof displayName === "string" ? displayName : undefined, email: typeof email === "string" ? email : undefined };
}

async function GroupSections({ entityRef: ref, relations }: { entityRef: EntityRef; relations: EntityRelationsResponse }) {
  const self = canonicalRef(ref);
  const owned = await getOwnedEntities([self]);
  const members = relatedOf(relations.items, "hasMember");
  const parents = relatedOf(relations.items, "childOf");
  const children = relatedOf(relations.items, "parentOf");
  return (
    <>
      <PeopleList id="members" title="Members" items={members} empty="No members. Users join a team through spec.memberOf in their own descriptor, or the team lists them in spec.members." />
      <section aria-labelledby="teams-heading" className={styles.section}>
        <h2 id="teams-heading">Teams</h2>
        <div className={`panel ${styles.groupList}`}>
          <div className={styles.group}>
            <h3>Parent team</h3>
            <RelatedList items={parents} empty="None: this is a top-level group." />
          </div>
          <div className={styles.group}>
            <h3>
              Child teams <span className={styles.count}>({children.length})</span>
            </h3>
            <RelatedList items={children} empty="None. A team names its parent in spec.parent." />
          </div>
        </div>
      </section>
      <Owned owned={owned} owners={[self]} self={self} emptyText="This group owns nothing yet. Entities name their owner in spec.owner." />
    </>
  );
}

async function UserSections({ entityRef: ref, relations }: { entityRef: EntityRef; relations: EntityRelationsResponse }) {
  const self = canonicalRef(ref);
  const teams = relatedOf(relations.items, "memberOf");
  // Owned directly and through each team the user belongs to (teams that exist).
  const owners = [self, ...teams.filter((t) => !t.dangling).map((t) => t.targetRef)];
  const owned = await getOwnedEntities(owners, 12, self);
  return (
    <>
      <PeopleList id="teams" title="Teams" items={teams} empty="Not a member of any team. Add the team to spec.memberOf." />
      <Owned owned={owned} owners={owners} self={self} emptyText="Nothing owned, directly or through a team. Entities name their owner in spec.owner." />
    </>
  );
}

function PeopleList({ id, title, items, empty }: { id: string; title: string; items: RelatedView[]; empty: string }) {
  return (
    <section aria-labelledby={`${id}-heading`} className={styles.section}>
      <h2 id={`${id}-heading`}>
        {title} <span className={styles.count}>({items.length})</span>
      </h2>
      <div className="panel">
        <RelatedList items={items} empty={empty} />
      </div>
    </section>
  );
}

function RelatedList({ items, empty }: { items: RelatedView[]; empty: string }) {
  if (items.length === 0) return <p className={styles.empty}>{empty}</p>;
  return (
    <ul className={styles.linkList}>
      {items.map((item) => (
        <li key={item.targetRef}>
          <RelatedLink related={item} />
        </li>
      ))}
    </ul>
  );
}
