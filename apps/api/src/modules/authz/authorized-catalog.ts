import { membershipOf, type ChangeMeta, type Db, type PreparedEntity, type TouchedEntity, type WriteGuard } from "@cartograph/db";
import { actorId, auditBase, historyActor, type RequestContext } from "../../http/principal.ts";
import { removeEntityByUid } from "../backstage/lookups.ts";
import { removeEntity, replaceEntity } from "../entities/edit.ts";
import { ingestDocuments } from "../entities/ingest.ts";
import { createEntity, type EntityServiceDeps } from "../entities/service.ts";
import { registerEntities } from "../register/register.ts";
import { writeReach } from "./policy.ts";
import { refuse } from "./require.ts";

type Ref = { kind: string; namespace: string; name: string };

/**
 * The catalog's write services as a caller may use them: the one place catalog writes are
 * authorized. Each use case checks the caller's reach first (viewers and read-only tokens are
 * refused outright), then runs the service with a ChangeMeta carrying
 * - a guard the data tier calls inside the write's transaction with every entity it is about to
 *   touch: an editor may only create, change or delete entities owned (before and after) by one of
 *   their groups or by their own User entity, as the catalog says at that moment;
 * - the audit record, written in the same transaction as the change;
 * - the actor for the entity history.
 */
export function authorizedCatalog(deps: EntityServiceDeps, ctx: RequestContext) {
  const meta = async (action: string, target: string): Promise<ChangeMeta> => {
    const reach = writeReach(ctx.principal);
    if (reach === "none") {
      await refuse(deps.db, ctx, action, target, "Changing the catalog needs the editor or admin role, or a token with scope catalog:write.");
    }
    return {
      actor: historyActor(ctx.principal),
      requestId: ctx.requestId,
      readFence: actorId(ctx.principal),
      guard: reach === "owned" ? ownershipGuard(deps.db, ctx, action) : undefined,
      audit: (summary) => [{ ...auditBase(ctx), action, target, outcome: "success", details: { ...summary } }],
    };
  };
  return {
    async ingest(input: { source: string; documents: Parameters<typeof ingestDocuments>[1]["documents"]; dryRun: boolean }) {
      return ingestDocuments(deps, { ...input, meta: await meta("catalog.ingest", `source:${input.source}`) });
    },
    async register(entities: PreparedEntity[]) {
      return registerEntities(deps, entities, await meta("catalog.register", entities[0]?.ref ?? "entity"));
    },
    async create(descriptor: unknown) {
      return createEntity(deps, descriptor, await meta("catalog.create", "entity"));
    },
    async replace(ref: Ref, descriptor: unknown, ifMatch: string | undefined) {
      return replaceEntity(deps, ref, descriptor, ifMatch, await meta("catalog.update", refString(ref)));
    },
    async remove(ref: Ref, ifMatch: string | undefined) {
      return removeEntity(deps, ref, ifMatch, await meta("catalog.delete", refString(ref)));
    },
    async removeByUid(uid: string) {
      return removeEntityByUid({ ...deps, extraKinds: deps.extraKinds ?? [] }, uid, await meta("catalog.delete", `uid:${uid}`));
    },
  };
}

const refString = (ref: Ref) => `${ref.kind}:${ref.namespace}/${ref.name}`.toLowerCase();

/** Refuses the write unless every touched entity is owned, before and after, by the caller's groups or User entity. */
function ownershipGuard(db: Db, ctx: RequestContext, action: string): WriteGuard {
  return async (touched: TouchedEntity[]) => {
    if (ctx.principal.kind !== "account") return;
    const { userRefs, groupRefs } = await membershipOf(db, ctx.principal.email);
    const mine = new Set([...userRefs, ...groupRefs]);
    const owners = (t: TouchedEntity) => [...(t.operation === "created" ? [] : [t.ownerBefore]), ...(t.operation === "deleted" ? [] : [t.ownerAfter])];
    const refused = touched.filter((t) => owners(t).some((o) => o === null || !mine.has(o)));
    if (refused.length === 0) return;
    const yours = mine.size > 0 ? `yours are ${[...mine].join(", ")}` : `no User entity has the email ${ctx.principal.email}, so you own nothing yet`;
    const examples = refused
      .slice(0, 5)
      .map((t) => `${t.ref} (owner ${t.operation === "created" ? (t.ownerAfter ?? "none") : (t.ownerBefore ?? "none")}${t.operation === "updated" && t.ownerAfter !== t.ownerBefore ? ` → ${t.ownerAfter ?? "none"}` : ""})`)
      .join(", ");
    const more = refused.length > 5 ? ` and ${refused.length - 5} more` : "";
    await refuse(db, ctx, action, refused[0]!.ref, `Editors may change only entities owned by their groups or by themselves (${yours}); refused: ${examples}${more}.`);
  };
}
