import Link from "next/link";
import type { RelatedView } from "@/lib/entity-view";
import styles from "./entity.module.css";

/** A related entity: a link when the catalog has it, otherwise its reference marked as missing (icon and words, not colour alone). */
export function RelatedLink({ related }: { related: RelatedView }) {
  if (!related.href || related.dangling) {
    return (
      <span className={styles.dangling}>
        <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14" className={styles.icon}>
          <path fill="currentColor" d="M8 1.5 15 14H1L8 1.5Zm0 2.9L3.6 12.5h8.8L8 4.4ZM7.25 7h1.5v3h-1.5V7Zm0 3.75h1.5v1.5h-1.5v-1.5Z" />
        </svg>
        <code>{related.targetRef}</code> <span className={styles.danglingNote}>not in the catalog</span>
      </span>
    );
  }
  return <Link href={related.href}>{related.label}</Link>;
}
