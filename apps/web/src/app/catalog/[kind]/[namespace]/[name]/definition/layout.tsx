import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { entityFromParams } from "@/lib/api-entity";

type Params = Promise<{ kind: string; namespace: string; name: string }>;

/**
 * Only APIs have a definition. Checked here, above this tab's loading boundary, so the answer
 * for any other kind is a real 404 rather than a streamed 200.
 */
export default async function DefinitionLayout({ params, children }: { params: Params; children: ReactNode }) {
  const loaded = await entityFromParams(params);
  if (!loaded || loaded.entity.kind.toLowerCase() !== "api") notFound();
  return children;
}
