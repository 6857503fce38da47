-- CreateTable
CREATE TABLE "catalog_state" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "catalog_state_pkey" PRIMARY KEY ("id")
);


-- The single row, starting past every change already logged.
INSERT INTO "catalog_state" ("id", "version") SELECT 1, coalesce(max("id"), 0) FROM "change_events";
