-- CreateTable
CREATE TABLE "entities" (
    "id" UUID NOT NULL,
    "ref" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "api_version" TEXT NOT NULL,
    "metadata" JSONB NOT NULL,
    "spec" JSONB NOT NULL,
    "etag" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "entities_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "entities_ref_key" ON "entities"("ref");

-- CreateIndex
CREATE INDEX "entities_kind_idx" ON "entities"("kind");
