-- AlterTable (backfilled before NOT NULL, so existing catalogs migrate)
ALTER TABLE "entities" ADD COLUMN     "name_key" TEXT;
UPDATE "entities" SET "name_key" = lower("name");
ALTER TABLE "entities" ALTER COLUMN "name_key" SET NOT NULL;

-- CreateIndex
CREATE INDEX "entities_kind_key_name_key_ref_idx" ON "entities"("kind_key", "name_key", "ref");

-- CreateIndex
CREATE INDEX "entities_name_key_ref_idx" ON "entities"("name_key", "ref");

