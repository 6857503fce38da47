import { placeholderOf } from "@cartograph/contracts";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CodeBlock } from "@/components/entity/code-block";
import { entityTabMetadata } from "@/components/entity/entity-metadata";
import styles from "@/components/entity/entity.module.css";
import { languageOf } from "@/components/entity/highlight";
import { OpenApiDefinition } from "@/components/entity/openapi-definition";
import { parseOpenApi } from "@/components/entity/openapi";
import { entityFromParams } from "@/lib/api-entity";
import { toEntityView } from "@/lib/entity-view";
import { stringify } from "yaml";

type Params = Promise<{ kind: string; namespace: string; name: string }>;

export function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return entityTabMetadata(params, "Definition");
}

export default async function EntityDefinition({ params }: { params: Params }) {
  const loaded = await entityFromParams(params);
  if (!loaded || loaded.entity.kind.toLowerCase() !== "api") notFound();
  const { entity } = loaded;
  const view = toEntityView(entity);
  const definition = entity.spec.definition;
  const type = view.type;

  return (
    <section aria-labelledby="definition-heading" className={styles.section}>
      <h2 id="definition-heading">Definition</h2>
      <p className="muted">
        {type ? (
          <>
            Type <span className="badge">{type}</span>
          </>
        ) : (
          "No type given."
        )}
      </p>
      <DefinitionBody definition={definition} type={type} editHref={`${view.path}/edit`} name={view.displayName} />
    </section>
  );
}

function DefinitionBody({ definition, type, editHref, name }: { definition: unknown; type?: string; editHref: string; name: string }) {
  const placeholder = placeholderOf(definition);
  if (placeholder) {
    return (
      <div className={`panel ${styles.notice}`} role="note" aria-labelledby="not-supplied-heading">
        <h3 id="not-supplied-heading">Definition not supplied yet</h3>
        <p>
          The descriptor points at <code>{placeholder.target}</code> (a <code>{placeholder.key}</code> placeholder). Cartograph never fetches files or URLs, so
          the definition stays unresolved until someone supplies its text.
        </p>
        <p>
          To show it here, put the definition itself in <code>spec.definition</code> (for example as a YAML block with <code>|</code>): <Link href={editHref}>edit this API</Link>,
          or ingest the descriptor again with the file&apos;s content in place of the placeholder.
        </p>
      </div>
    );
  }
  if (definition === undefined || definition === null || definition === "") {
    return (
      <p className={`panel ${styles.empty}`}>
        This API has no definition. Add its OpenAPI, AsyncAPI, GraphQL or gRPC text as <code>spec.definition</code>.
      </p>
    );
  }
  const text = typeof definition === "string" ? definition : stringify(definition, { lineWidth: 0 });
  const language = languageOf(type, text);
  const source = <CodeBlock text={text} language={language} label={`Definition of ${name}`} />;

  if ((type ?? "").toLowerCase() !== "openapi") return source;
  const parsed = parseOpenApi(definition);
  if (!parsed.ok) {
    return (
      <>
        <div className={`panel ${styles.notice}`} role="note">
          <p>
            <strong>This OpenAPI definition could not be read.</strong> {parsed.reason} It is shown as written below.
          </p>
        </div>
        {source}
      </>
    );
  }
  return (
    <>
      <OpenApiDefinition doc={parsed.doc} />
      <details>
        <summary>Source ({language === "json" ? "JSON" : "YAML"})</summary>
        {source}
      </details>
    </>
  );
}
