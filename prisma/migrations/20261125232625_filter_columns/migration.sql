-- AlterTable (kind_key is backfilled before it becomes NOT NULL, so existing catalogs migrate)
ALTER TABLE "entities" ADD COLUMN     "kind_key" TEXT,
ADD COLUMN     "lifecycle" TEXT,
ADD COLUMN     "owner_ref" TEXT,
ADD COLUMN     "spec_type" TEXT;

UPDATE "entities" e SET
    "kind_key" = lower(e."kind"),
    "spec_type" = lower(e."spec"->>'type'),
    "lifecycle" = lower(e."spec"->>'lifecycle'),
    "owner_ref" = (SELECT r."target_ref" FROM "relations" r WHERE r."origin_id" = e."id" AND r."type" = 'ownedBy' ORDER BY r."target_ref" LIMIT 1);

ALTER TABLE "entities" ALTER COLUMN "kind_key" SET NOT NULL;

-- CreateIndex
CREATE INDEX "entities_kind_key_ref_idx" ON "entities"("kind_key", "ref");

-- CreateIndex
CREATE INDEX "entities_kind_key_name_ref_idx" ON "entities"("kind_key", "name", "ref");

-- CreateIndex
CREATE INDEX "entities_kind_key_lifecycle_name_ref_idx" ON "entities"("kind_key", "lifecycle", "name", "ref");

-- CreateIndex
CREATE INDEX "entities_spec_type_idx" ON "entities"("spec_type");

-- CreateIndex
CREATE INDEX "entities_owner_ref_idx" ON "entities"("owner_ref");

-- CreateIndex
CREATE INDEX "entities_name_ref_idx" ON "entities"("name", "ref");

