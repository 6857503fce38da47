import { ApiError, ApiUnavailableError } from "@/lib/api";
import { entityFromParams } from "@/lib/api-entity";
import { descriptorYaml } from "@/lib/entity-view";
import { downloadFileName } from "./file-name";

type Params = Promise<{ kind: string; namespace: string; name: string }>;

const text = (body: string, status: number) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

/** The stored descriptor as a `<name>.yaml` attachment, read through the API with the visitor's session. */
export async function GET(_request: Request, { params }: { params: Params }): Promise<Response> {
  let loaded;
  try {
    loaded = await entityFromParams(params);
  } catch (error) {
    if (error instanceof ApiUnavailableError) return text(`Cartograph can't reach its API right now. Request id: ${error.requestId}\n`, 503);
    if (error instanceof ApiError) return text(`The API refused: ${error.title} (HTTP ${error.status}). Request id: ${error.requestId}\n`, error.status >= 400 && error.status < 600 ? error.status : 502);
    throw error;
  }
  if (!loaded) return text("No such entity.\n", 404);
  return new Response(descriptorYaml(loaded.entity), {
    headers: {
      "content-type": "application/yaml; charset=utf-8",
      "content-disposition": `attachment; filename="${downloadFileName(loaded.entity.metadata.name)}"`,
      "cache-control": "no-store",
    },
  });
}
