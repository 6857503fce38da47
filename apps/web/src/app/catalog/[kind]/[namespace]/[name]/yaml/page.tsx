import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CodeBlock } from "@/components/entity/code-block";
import { CopyButton } from "@/components/entity/copy-button";
import { entityTabMetadata } from "@/components/entity/entity-metadata";
import styles from "@/components/entity/entity.module.css";
import { entityFromParams } from "@/lib/api-entity";
import { descriptorYaml, toEntityView } from "@/lib/entity-view";
import { downloadFileName } from "./download/file-name";

type Params = Promise<{ kind: string; namespace: string; name: string }>;

export function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return entityTabMetadata(params, "YAML");
}

export default async function EntityYaml({ params }: { params: Params }) {
  const loaded = await entityFromParams(params);
  if (!loaded) notFound();
  const { entity } = loaded;
  const view = toEntityView(entity);
  const yaml = descriptorYaml(entity);

  return (
    <section aria-labelledby="yaml-heading" className={styles.section}>
      <h2 id="yaml-heading">YAML</h2>
      <p className="muted">
        The descriptor as stored, in the form of a <code>catalog-info.yaml</code> file. What the catalog assigns (uid, etag, created and updated times) and computes
        (relations, status) is left out.
      </p>
      <div className={styles.toolbar}>
        <CopyButton text={yaml} label="Copy YAML" />
        {/* A plain anchor: the route handler answers with an attachment, not a page. */}
        <a href={`${view.path}/yaml/download`} download={downloadFileName(view.name)}>
          Download {downloadFileName(view.name)}
        </a>
      </div>
      <CodeBlock text={yaml} language="yaml" label={`Descriptor of ${view.displayName} as YAML`} />
    </section>
  );
}
