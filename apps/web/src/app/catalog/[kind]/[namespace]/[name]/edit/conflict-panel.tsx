"use client";

import { actorLabel } from "@/components/live-updates";
import { DescriptorDiff } from "@/components/yaml-editor/descriptor-diff";
import { sameText } from "@/components/yaml-editor/diff-rows";
import type { CurrentVersion } from "./form-state";
import styles from "./edit.module.css";

interface Props {
  /** The version the visitor started from. */
  started: string;
  mine: string;
  current: CurrentVersion;
  pending: boolean;
  onLoadTheirs(): void;
  /** Runs as the "keep mine" submit starts: the visitor now builds on the current version. */
  onKeepMine(): void;
}

/**
 * Someone else saved first. Shows what they changed (from the version the visitor started
 * from to the current one) and what the visitor changed, then asks: theirs, or mine over theirs.
 * Nothing is overwritten without this explicit choice.
 */
export function ConflictPanel({ started, mine, current, pending, onLoadTheirs, onKeepMine }: Props) {
  const who = current.actor ? actorLabel(current.actor) : "Someone else";
  const when = current.at ? new Date(current.at) : null;
  return (
    <section className={`panel notice ${styles.conflict}`} role="alert" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading" className={styles.conflictHeading}>
        Not saved: this entity changed since you opened it
      </h2>
      <p>
        {who} saved a new version
        {when && (
          <>
            {" "}
            at <time dateTime={current.at}>{when.toLocaleString("en-GB", { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" })} UTC</time>
          </>
        )}
        . Here is what they changed:
      </p>
      <DescriptorDiff before={started} after={current.yaml} label="What changed meanwhile" />
      <details className={styles.mine}>
        <summary>Your changes (from the same starting point)</summary>
        {sameText(started, mine) ? <p className="muted">You have not changed anything.</p> : <DescriptorDiff before={started} after={mine} label="Your changes" />}
      </details>
      <p>Choose which version to keep:</p>
      <div className="actions">
        <button type="button" className="button" onClick={onLoadTheirs} disabled={pending}>
          Discard mine and load theirs
        </button>
        {/* Submits the visitor's text conditioned on the version just shown. */}
        <button type="submit" name="overrideEtag" value={current.etag} className={`button ${styles.danger}`} onClick={onKeepMine} disabled={pending}>
          Keep my version and save over theirs
        </button>
      </div>
    </section>
  );
}
