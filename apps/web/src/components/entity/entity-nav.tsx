"use client";

import Link from "next/link";
import { useSelectedLayoutSegment } from "next/navigation";
import type { ReactNode } from "react";
import type { EntityTab } from "@/lib/entity-view";
import styles from "./entity.module.css";

/** The entity page's tabs; the one showing is marked with aria-current. */
export function EntityTabs({ tabs }: { tabs: EntityTab[] }) {
  const segment = useSelectedLayoutSegment();
  return (
    <nav aria-label="Entity sections" className={styles.tabs}>
      <ul>
        {tabs.map((tab) => (
          <li key={tab.label}>
            <Link href={tab.href} aria-current={tab.segment === segment ? "page" : undefined} className={styles.tab}>
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The entity's name is the page's h1 on every tab; the edit page brings its own h1
 * ("Edit …"), so there the name stays a plain line of the header.
 */
export function EntityTitle({ id, children }: { id: string; children: ReactNode }) {
  const segment = useSelectedLayoutSegment();
  return segment === "edit" ? (
    <p id={id} className={styles.title}>
      {children}
    </p>
  ) : (
    <h1 id={id} className={styles.title}>
      {children}
    </h1>
  );
}
