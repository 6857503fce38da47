"use client";

import { entityPath, type RegisterResponse } from "@cartograph/contracts";
import Link from "next/link";
import { useActionState, useId, useState, type ChangeEvent, type ReactNode } from "react";
import { MAX_DESCRIPTOR_BYTES, tooLarge } from "@/components/yaml-editor/limits";
import { YamlEditor } from "@/components/yaml-editor/yaml-editor";
import { registerAction } from "./actions";
import { INITIAL_REGISTER_STATE, type RegisterState } from "./form-state";
import styles from "./register.module.css";

const ACCEPTED = /\.(ya?ml|json)$/i;

export function RegisterForm({ example }: { example: string }) {
  const [state, action, pending] = useActionState(registerAction, INITIAL_REGISTER_STATE);
  // Without JavaScript the page comes back rendered with the answer: keep the previewed text.
  const [text, setText] = useState(() => (state.status === "preview" ? state.text : ""));
  const [fileNote, setFileNote] = useState<{ ok: boolean; message: string } | null>(null);
  const id = useId();
  const previewIsCurrent = state.status === "preview" && state.text === text;

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    if (!ACCEPTED.test(file.name)) {
      setFileNote({ ok: false, message: `${file.name} is not a .yaml, .yml or .json file.` });
    } else if (file.size > MAX_DESCRIPTOR_BYTES) {
      setFileNote({ ok: false, message: `${file.name}: ${tooLarge(file.size)}` });
    } else {
      setText(await file.text());
      setFileNote({ ok: true, message: `Read ${file.name} into the editor. Check it, then preview.` });
    }
    // The same file can be picked again after editing.
    event.target.value = "";
  };

  return (
    <form action={action} className={`form ${styles.form}`} aria-label="Register entities" noValidate>
      <div className={styles.upload}>
        <label htmlFor={`${id}-file`}>Upload a descriptor file</label>
        <p id={`${id}-file-hint`} className="field-hint muted">
          .yaml, .yml or .json, up to 512 KB. Its text goes into the editor below; nothing is sent until you preview.
        </p>
        <input id={`${id}-file`} type="file" accept=".yaml,.yml,.json,application/yaml,application/json" onChange={readFile} aria-describedby={`${id}-file-hint`} />
        <p role="status" className={fileNote && !fileNote.ok ? "field-error" : "muted"}>
          {fileNote?.message}
        </p>
      </div>

      {text.trim() === "" && <EmptyState example={example} onInsert={() => setText(example)} />}

      <YamlEditor
        name="descriptor"
        label="Descriptor file"
        hint="One or more YAML documents separated by ---, or JSON. Everything in it is registered together, or nothing is."
        value={text}
        onChange={setText}
        submitProblems={state.status === "invalid" ? state.errors : undefined}
      />

      <Outcome state={state} stale={state.status === "preview" && !previewIsCurrent} />

      <div className="actions">
        <button type="submit" name="intent" value="preview" className={previewIsCurrent ? "button button-quiet" : "button"} disabled={pending}>
          {pending ? "Working…" : "Preview"}
        </button>
        {previewIsCurrent && (
          <button type="submit" name="intent" value="register" className="button" disabled={pending}>
            Register {state.preview.entities.length === 1 ? "1 entity" : `${state.preview.entities.length} entities`}
          </button>
        )}
      </div>
    </form>
  );
}

function EmptyState({ example, onInsert }: { example: string; onInsert(): void }) {
  return (
    <section className={`panel ${styles.empty}`} aria-labelledby="empty-heading">
      <h2 id="empty-heading">What is a descriptor?</h2>
      <p>
        A descriptor is a small YAML file that describes one thing in your architecture — a service, a website, an API, a database — in the
        Backstage format: its <code>kind</code>, a unique <code>metadata.name</code>, and a <code>spec</code> saying its type, lifecycle and
        which team owns it. Teams usually keep it next to the code as <code>catalog-info.yaml</code>.
      </p>
      <pre className={styles.example} tabIndex={0} aria-label="Example descriptor">
        <code>{example}</code>
      </pre>
      <button type="button" className="button button-quiet" onClick={onInsert}>
        Insert this example
      </button>
    </section>
  );
}

function Outcome({ state, stale }: { state: RegisterState; stale: boolean }) {
  switch (state.status) {
    case "preview":
      return <Preview preview={state.preview} stale={stale} />;
    case "registered":
      return <Registered result={state.result} />;
    case "empty":
      return <Alert>Nothing to register yet: paste a descriptor or upload a file.</Alert>;
    case "too-large":
      return <Alert>{state.message}</Alert>;
    case "invalid":
      return (
        <Alert>
          Not registered. The file has problems; they are listed under the editor with their lines.{state.detail ? ` ${state.detail}` : ""}
        </Alert>
      );
    case "exists":
      return (
        <Alert>
          Not registered: {state.existing ? <Link href={state.existing.href}>{state.existing.ref}</Link> : "an entity in this file"} already exists in the
          catalog. Change its name, or edit the existing entity instead.
          {state.detail && <span className={styles.apiSaid}> The API said: {state.detail}</span>}
        </Alert>
      );
    case "forbidden":
      return (
        <Alert>
          Not registered. The owner of every entity must be one of your teams.
          {state.detail && <span className={styles.apiSaid}> The API said: {state.detail}</span>}
        </Alert>
      );
    case "failed":
      return <Alert>{state.message}</Alert>;
    default:
      return null;
  }
}

function Alert({ children }: { children: ReactNode }) {
  return (
    <div role="alert" className="panel notice">
      <p className="form-error">{children}</p>
    </div>
  );
}

function Preview({ preview, stale }: { preview: RegisterResponse; stale: boolean }) {
  const dangling = preview.relations.filter((r) => !r.targetExists).length;
  return (
    <section className={`panel notice-info ${styles.preview}`} aria-labelledby="preview-heading">
      <h2 id="preview-heading">Preview</h2>
      {stale ? (
        <p className="muted">The text changed since this preview; preview again before registering.</p>
      ) : (
        <p role="status">
          Registering this file would create {count(preview.entities.length, "entity", "entities")} and {count(preview.relations.length, "relation", "relations")}.
        </p>
      )}
      <div className="table-scroll">
        <table>
          <caption>Entities it would create</caption>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Name</th>
              <th scope="col">Title</th>
            </tr>
          </thead>
          <tbody>
            {preview.entities.map((e) => (
              <tr key={e.ref}>
                <td>{e.kind}</td>
                <td>
                  <code>{e.namespace === "default" ? e.name : `${e.namespace}/${e.name}`}</code>
                </td>
                <td>{e.title ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.relations.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption>Relations it would create{dangling > 0 ? ` (${dangling} to entities not in the catalog)` : ""}</caption>
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">Relation</th>
                <th scope="col">To</th>
              </tr>
            </thead>
            <tbody>
              {preview.relations.map((r, i) => (
                <tr key={`${r.sourceRef}-${r.type}-${r.targetRef}-${i}`}>
                  <td>
                    <code>{r.sourceRef}</code>
                  </td>
                  <td>{r.type}</td>
                  <td>
                    <code>{r.targetRef}</code>
                    {!r.targetExists && <span className={styles.missing}>not in the catalog</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {preview.warnings.length > 0 && (
        <ul className={styles.warnings} aria-label="Warnings">
          {preview.warnings.map((w, i) => (
            <li key={i}>
              {w.document !== undefined ? `document ${w.document + 1}: ` : ""}
              {w.path}: {w.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Registered({ result }: { result: RegisterResponse }) {
  return (
    <section role="status" className="panel notice-success" aria-labelledby="registered-heading">
      <h2 id="registered-heading">Registered {count(result.entities.length, "entity", "entities")}</h2>
      <ul className="plain-list">
        {result.entities.map((e) => (
          <li key={e.ref}>
            <Link href={entityPath(e)}>{e.title ?? e.name}</Link> <span className="muted">({e.kind})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
