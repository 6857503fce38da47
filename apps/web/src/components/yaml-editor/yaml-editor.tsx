"use client";

import type { FieldError } from "@cartograph/contracts";
import dynamic from "next/dynamic";
import { useEffect, useId, useMemo, useRef, useState, type ReactNode, type RefObject } from "react";
import { problemRange, sortProblems } from "./problems";
import { ProblemList } from "./problem-list";
import type { EditorHandle, EditorProblem } from "./types";
import { settled, useValidation } from "./use-validation";
import styles from "./yaml-editor.module.css";

// CodeMirror is sizeable: only pages that render this field load it, after the page is usable.
const CodeMirrorEditor = dynamic(() => import("./codemirror-editor"), { ssr: false });

interface Props {
  /** Form field name: a hidden input mirrors the text, so the form submits it. */
  name: string;
  label: string;
  hint?: ReactNode;
  value: string;
  onChange(text: string): void;
  /** Problems the last submit reported; shown until the text changes. */
  submitProblems?: readonly FieldError[];
  /** Validate as the text changes (default true). */
  validate?: boolean;
  /** Lets the page move the cursor (its own lists of problems). */
  handle?: RefObject<EditorHandle | null>;
}

/**
 * A descriptor field: a YAML editor (CodeMirror once loaded, a plain textarea before that and
 * without JavaScript), validation as you type, and the problems listed under it.
 */
export function YamlEditor({ name, label, hint, value, onChange, submitProblems, validate = true, handle }: Props) {
  const id = useId();
  const ids = { label: `${id}-label`, hint: `${id}-hint`, keys: `${id}-keys`, status: `${id}-status`, field: `${id}-field` };
  const [enhanced, setEnhanced] = useState(false);
  const ownHandle = useRef<EditorHandle | null>(null);
  const editor = handle ?? ownHandle;
  const textarea = useRef<HTMLTextAreaElement>(null);

  // Problems from a submit belong to the text that was submitted.
  const [submitted, setSubmitted] = useState<{ problems: readonly FieldError[]; text: string } | null>(null);
  useEffect(() => {
    setSubmitted(submitProblems && submitProblems.length > 0 ? { problems: submitProblems, text: value } : null);
    // Only a new submit answer resets this, not typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [submitProblems]);

  const validation = useValidation(value, validate);
  const shown = settled(validation);
  const fromSubmit = submitted && submitted.text === value ? submitted.problems : null;
  const errors = useMemo(() => sortProblems(fromSubmit ?? (shown.state === "invalid" ? shown.errors : [])), [fromSubmit, shown]);
  const problems = useMemo<EditorProblem[]>(() => errors.map((e) => ({ line: e.line, column: e.column, message: e.message, severity: "error" })), [errors]);

  const goTo = (line: number, column?: number) => {
    if (enhanced) return editor.current?.goTo(line, column);
    const field = textarea.current;
    if (!field) return;
    const { from } = problemRange(field.value, line, column);
    field.focus();
    field.setSelectionRange(from, from);
  };
  // The fallback textarea answers goTo too, until CodeMirror takes over.
  useEffect(() => {
    if (!enhanced && handle) handle.current = { goTo };
  });

  const describedBy = [hint ? ids.hint : "", ids.keys, ids.status].filter(Boolean).join(" ");
  const invalid = errors.length > 0;

  return (
    <div className={styles.field}>
      <label id={ids.label} htmlFor={ids.field} className={styles.label}>
        {label}
      </label>
      {hint && (
        <p id={ids.hint} className="field-hint muted">
          {hint}
        </p>
      )}
      <p id={ids.keys} className={`field-hint muted ${styles.keys}`}>
        Tab indents. To leave the editor with the keyboard, press <kbd>Esc</kbd> then <kbd>Tab</kbd> (or <kbd>Ctrl</kbd>+<kbd>M</kbd> to
        switch Tab to moving focus).
      </p>
      <div className={styles.editor}>
        {enhanced ? (
          <input type="hidden" name={name} value={value} data-testid={`${name}-value`} />
        ) : (
          <textarea
            ref={textarea}
            id={ids.field}
            name={name}
            className={styles.fallback}
            value={value}
            onChange={(event) => onChange(event.target.value)}
            spellCheck={false}
            autoCapitalize="off"
            autoCorrect="off"
            rows={24}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
          />
        )}
        <CodeMirrorEditor
          value={value}
          onChange={onChange}
          problems={problems}
          labelledBy={ids.label}
          describedBy={describedBy}
          invalid={invalid}
          handle={editor}
          onReady={() => setEnhanced(true)}
        />
      </div>
      <ValidationStatus id={ids.status} validation={validation} errors={errors} fromSubmit={fromSubmit !== null} goTo={goTo} />
    </div>
  );
}

function ValidationStatus({ id, validation, errors, fromSubmit, goTo }: { id: string; validation: ReturnType<typeof useValidation>; errors: FieldError[]; fromSubmit: boolean; goTo(line: number, column?: number): void }) {
  const shown = settled(validation);
  const checking = validation.state === "checking";
  let summary: ReactNode = null;
  if (errors.length > 0) summary = <span className={styles.invalid}>{errors.length === 1 ? "1 problem" : `${errors.length} problems`}{fromSubmit ? " found when sending" : ""}</span>;
  else if (shown.state === "valid") summary = <span className={styles.valid}>Valid{shown.documents > 1 ? ` (${shown.documents} documents)` : ""}</span>;
  else if (shown.state === "unavailable") summary = <span className={styles.unavailable}>{shown.message}</span>;

  return (
    <div className={styles.status}>
      {/* Polite: announced when typing pauses and the answer is in, never mid-word. */}
      <p className={styles.summary}>
        <span id={id} role="status" data-testid="validation-status">
          {summary}
        </span>
        {/* Seen, not announced: the answer that follows is. */}
        {checking && (
          <span className="muted" aria-hidden="true">
            {" "}
            Checking…
          </span>
        )}
      </p>
      {errors.length > 0 && <ProblemList errors={errors} goTo={goTo} />}
    </div>
  );
}
