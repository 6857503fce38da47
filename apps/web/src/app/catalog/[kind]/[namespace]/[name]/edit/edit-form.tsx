"use client";

import { useActionState, useState } from "react";
import { actorLabel, useChangeEvents } from "@/components/live-updates";
import { YamlEditor } from "@/components/yaml-editor/yaml-editor";
import { saveDescriptorAction } from "./actions";
import { ConflictPanel } from "./conflict-panel";
import { DeleteEntity } from "./delete-entity";
import { changeRef } from "./descriptor-yaml";
import { INITIAL_SAVE_STATE, type CurrentVersion, type SaveState } from "./form-state";
import styles from "./edit.module.css";

interface Props {
  entityRef: { kind: string; namespace: string; name: string };
  etag: string;
  initialDescriptor: string;
  entityHref: string;
}

export function EditForm({ entityRef, etag, initialDescriptor, entityHref }: Props) {
  const [state, action, pending] = useActionState(saveDescriptorAction, INITIAL_SAVE_STATE);
  const [descriptor, setDescriptor] = useState(initialDescriptor);
  // The version the visitor's text is based on: what a conflict is measured from, and the If-Match.
  const [base, setBase] = useState<{ yaml: string; etag: string }>({ yaml: initialDescriptor, etag });
  // An answer the visitor has dealt with (loaded theirs) no longer shows.
  const [handled, setHandled] = useState<SaveState | null>(null);
  const [notice, setNotice] = useState("");
  const { latest: change, connected } = useChangeEvents([changeRef(entityRef)]);
  const changedMeanwhile = change !== null && (change.operation === "deleted" || change.etag !== base.etag);

  const outcome = state === handled ? INITIAL_SAVE_STATE : state;
  const loadTheirs = (current: CurrentVersion) => {
    setDescriptor(current.yaml);
    setBase({ yaml: current.yaml, etag: current.etag });
    setHandled(state);
    setNotice("Loaded the current version. Your changes were discarded.");
  };

  return (
    <>
      <form action={action} className={`form ${styles.form}`} aria-label="Edit descriptor" noValidate data-live={connected ? "open" : "closed"}>
        <input type="hidden" name="kind" value={entityRef.kind} />
        <input type="hidden" name="namespace" value={entityRef.namespace} />
        <input type="hidden" name="name" value={entityRef.name} />
        <input type="hidden" name="etag" value={base.etag} />
        {changedMeanwhile && outcome.status !== "stale" && (
          <p className={`panel notice-info ${styles.meanwhile}`} role="status">
            {change.operation === "deleted"
              ? `This entity was deleted meanwhile by ${actorLabel(change.actor)}; saving will tell you so.`
              : `This entity was changed meanwhile by ${actorLabel(change.actor)} — saving will show you the difference first.`}
          </p>
        )}
        <YamlEditor
          name="descriptor"
          label="Descriptor"
          hint="YAML (or JSON). The catalog assigns uid, etag and timestamps and computes relations; kind, namespace and name must stay the same."
          value={descriptor}
          onChange={(text) => {
            setDescriptor(text);
            if (notice) setNotice("");
          }}
          submitProblems={outcome.status === "invalid" ? outcome.errors : undefined}
        />
        {notice && (
          <p role="status" className="panel notice-info">
            {notice}
          </p>
        )}
        {outcome.status === "stale" ? (
          <ConflictPanel
            started={base.yaml}
            mine={descriptor}
            current={outcome.current}
            pending={pending}
            onLoadTheirs={() => loadTheirs(outcome.current)}
            onKeepMine={() => setBase({ yaml: outcome.current.yaml, etag: outcome.current.etag })}
          />
        ) : (
          outcome.status !== "idle" && <Outcome state={outcome} />
        )}
        <div className="actions">
          <button type="submit" className="button" disabled={pending}>
            {pending ? "Saving…" : "Save"}
          </button>
          <a href={entityHref}>Cancel</a>
        </div>
      </form>
      <DeleteEntity entityRef={entityRef} etag={base.etag} started={base.yaml} />
    </>
  );
}

function Outcome({ state }: { state: SaveState }) {
  return (
    <div id="save-outcome" role="alert" className="panel notice">
      <OutcomeBody state={state} />
    </div>
  );
}

function OutcomeBody({ state }: { state: SaveState }) {
  switch (state.status) {
    case "forbidden":
      return (
        <>
          <p className="form-error">Not saved. You can only edit entities owned by your teams.</p>
          {state.detail && <p>The API said: {state.detail}</p>}
        </>
      );
    case "invalid":
      return (
        <>
          <p className="form-error">Not saved. The descriptor is not valid: the problems are listed under the editor.</p>
          {state.detail && <p>{state.detail}</p>}
        </>
      );
    case "gone":
      return (
        <p className="form-error">
          Not saved. This entity no longer exists. <a href="/">Back to the catalog</a>
        </p>
      );
    case "failed":
      return <p className="form-error">{state.message}</p>;
    case "incomplete":
      return <p className="form-error">{state.descriptor ?? state.form}</p>;
    default:
      return null;
  }
}
