"use client";

import { useActionState, useEffect, useId, useRef, useState } from "react";
import { actorLabel } from "@/components/live-updates";
import { DescriptorDiff } from "@/components/yaml-editor/descriptor-diff";
import { deleteEntityAction } from "./actions";
import { INITIAL_DELETE_STATE } from "./form-state";
import styles from "./edit.module.css";

interface Props {
  entityRef: { kind: string; namespace: string; name: string };
  etag: string;
  /** The version the visitor has been looking at, to show what changed if it did. */
  started: string;
}

/**
 * Delete behind a confirmation: a modal <dialog> (focus moves into it, Escape closes it, focus
 * returns to the button) where the visitor types the entity's name.
 */
export function DeleteEntity({ entityRef, etag, started }: Props) {
  const [state, action, pending] = useActionState(deleteEntityAction, INITIAL_DELETE_STATE);
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState("");
  const id = useId();
  const matches = typed.trim().toLowerCase() === entityRef.name.toLowerCase();

  const open = () => {
    setTyped("");
    dialog.current?.showModal();
    // Straight to what must be done (browsers differ on where showModal puts focus).
    input.current?.focus();
  };
  const close = () => dialog.current?.close();

  // A refusal lands in the dialog; keep it open to show it.
  useEffect(() => {
    if (state.status !== "idle" && !dialog.current?.open) dialog.current?.showModal();
  }, [state]);

  return (
    <section className={styles.danger_zone} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Delete this entity</h2>
      <p className="muted">Removes it from the catalog. Its history is kept, and relations pointing at it will show as missing.</p>
      <button ref={opener} type="button" className={`button ${styles.danger}`} onClick={open}>
        Delete…
      </button>
      <dialog ref={dialog} className={styles.dialog} aria-labelledby={`${id}-title`} aria-describedby={`${id}-what`} onClose={() => opener.current?.focus()}>
        <form action={action} className="form">
          <h2 id={`${id}-title`}>Delete {entityRef.name}?</h2>
          <p id={`${id}-what`}>
            This deletes <code>{`${entityRef.kind}:${entityRef.namespace}/${entityRef.name}`}</code> from the catalog. To confirm, type its name.
          </p>
          <input type="hidden" name="kind" value={entityRef.kind} />
          <input type="hidden" name="namespace" value={entityRef.namespace} />
          <input type="hidden" name="name" value={entityRef.name} />
          <input type="hidden" name="etag" value={etag} />
          <div className="field">
            <label htmlFor={`${id}-confirm`}>Entity name</label>
            <input
              ref={input}
              id={`${id}-confirm`}
              name="confirmName"
              autoComplete="off"
              spellCheck={false}
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              aria-describedby={state.status === "mismatch" ? `${id}-outcome` : undefined}
            />
          </div>
          {state.status !== "idle" && (
            <div id={`${id}-outcome`} role="alert" className={styles.dialogOutcome}>
              {state.status === "mismatch" && <p className="form-error">The name does not match; nothing was deleted.</p>}
              {state.status === "forbidden" && (
                <>
                  <p className="form-error">Not deleted. You can only delete entities owned by your teams.</p>
                  {state.detail && <p>The API said: {state.detail}</p>}
                </>
              )}
              {state.status === "failed" && <p className="form-error">{state.message}</p>}
              {state.status === "stale" && (
                <>
                  <p className="form-error">Not deleted: {state.current.actor ? actorLabel(state.current.actor) : "someone else"} changed this entity since you opened it.</p>
                  <DescriptorDiff before={started} after={state.current.yaml} label="What changed meanwhile" />
                  <p>Delete it anyway, as it is now?</p>
                </>
              )}
            </div>
          )}
          <div className="actions">
            {state.status === "stale" ? (
              <button type="submit" name="overrideEtag" value={state.current.etag} className={`button ${styles.danger}`} disabled={pending || !matches}>
                Delete anyway
              </button>
            ) : (
              <button type="submit" className={`button ${styles.danger}`} disabled={pending || !matches}>
                {pending ? "Deleting…" : "Delete"}
              </button>
            )}
            <button type="button" className="button button-quiet" onClick={close}>
              Cancel
            </button>
          </div>
        </form>
      </dialog>
    </section>
  );
}
