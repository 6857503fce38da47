import "server-only";

import type { Metadata } from "next";
import { entityFromParams } from "@/lib/api-entity";

type Params = Promise<{ kind: string; namespace: string; name: string }>;

/** A tab's title: "YAML · orders-api" (the root layout adds "· Cartograph"); the overview is the entity's name. */
export async function entityTabMetadata(params: Params, tab?: string): Promise<Metadata> {
  const loaded = await entityFromParams(params);
  // The layout calls notFound(); nested not-found files cannot set metadata.
  if (!loaded) return { title: "Entity not found" };
  const name = loaded.entity.metadata.title ?? loaded.entity.metadata.name;
  return { title: tab ? `${tab} · ${name}` : name, description: loaded.entity.metadata.description };
}
