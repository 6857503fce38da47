"use client";

import type { FieldError } from "@cartograph/contracts";
import { useActionState, useState } from "react";
import { saveDescriptorAction } from "./actions";
import { INITIAL_SAVE_STATE, type SaveState } from "./form-state";

interface Props {
  entityRef: { kind: string; namespace: string; name: string };
  etag: string;
  initialDescriptor: string;
  entityHref: string;
  editHref: string;
}

export function EditForm({ entityRef, etag, initialDescriptor, entityHref, editHref }: Props) {
  const [state, action, pending] = useActionState(saveDescriptorAction, INITIAL_SAVE_STATE);
  // Controlled, so a refused save keeps what was typed (a form action resets uncontrolled fields).
  const [descriptor, setDescriptor] = useState(initialDescriptor);
  const fieldError = state.status === "incomplete" ? state.descriptor : undefined;
  const hasOutcome = state.status !== "idle" && !(state.status === "incomplete" && !state.form);
  const describedBy = ["descriptor-hint", fieldError && "descriptor-error", hasOutcome && "save-outcome"].filter(Boolean).join(" ");

  return (
    <form action={action} className="form" aria-label="Edit descriptor" noValidate>
      <input type="hidden" name="kind" value={entityRef.kind} />
      <input type="hidden" name="namespace" value={entityRef.namespace} />
      <input type="hidden" name="name" value={entityRef.name} />
      <input type="hidden" name="etag" value={etag} />
      <div className="field">
        <label htmlFor="descriptor">Descriptor</label>
        <p id="descriptor-hint" className="field-hint muted">
          JSON or YAML. The catalog assigns uid, etag and timestamps; kind, namespace and name must stay the same.
        </p>
        <textarea
          id="descriptor"
          name="descriptor"
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          rows={28}
          value={descriptor}
          onChange={(event) => setDescriptor(event.target.value)}
          aria-invalid={fieldError || state.status === "invalid" ? true : undefined}
          aria-describedby={describedBy}
        />
        {fieldError && (
          <p id="descriptor-error" className="field-error">
            {fieldError}
          </p>
        )}
      </div>
      {/* Beside the button, where the eye is after pressing it. */}
      {hasOutcome && <Outcome state={state} editHref={editHref} />}
      <div className="actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Saving…" : "Save"}
        </button>
        <a href={entityHref}>Cancel</a>
      </div>
    </form>
  );
}

function Outcome({ state, editHref }: { state: SaveState; editHref: string }) {
  return (
    <div id="save-outcome" role="alert" className="panel notice">
      <OutcomeBody state={state} editHref={editHref} />
    </div>
  );
}

function OutcomeBody({ state, editHref }: { state: SaveState; editHref: string }) {
  switch (state.status) {
    case "forbidden":
      return (
        <>
          <p className="form-error">Not saved. You can only edit entities owned by your teams.</p>
          {state.detail && <p>The API said: {state.detail}</p>}
        </>
      );
    case "stale":
      return (
        <>
          <p className="form-error">Not saved. Someone else changed this entity since you opened it.</p>
          {state.detail && <p>The API said: {state.detail}</p>}
          <p>
            Copy your changes if you need them, then{" "}
            {/* A full load, so the page reads the entity and its new etag afresh. */}
            <a href={editHref}>reload the latest version</a> and apply them again.
          </p>
        </>
      );
    case "invalid":
      return (
        <>
          <p className="form-error">Not saved. The descriptor is not valid.</p>
          {state.detail && <p>{state.detail}</p>}
          {state.errors.length > 0 && (
            <ul className="error-list" aria-label="Problems in the descriptor">
              {state.errors.map((error, i) => (
                <li key={i}>{describe(error)}</li>
              ))}
            </ul>
          )}
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
      return <p className="form-error">{state.form}</p>;
    default:
      return null;
  }
}

function describe(error: FieldError): string {
  const where = error.line !== undefined ? ` (line ${error.line}${error.column !== undefined ? `, column ${error.column}` : ""})` : "";
  // The API often starts the message with the path; once is enough.
  const message = error.message.startsWith(`${error.path} `) ? error.message.slice(error.path.length + 1) : error.message;
  return `${error.path}${where}: ${message}`;
}
