"use client";

import { indentWithTab } from "@codemirror/commands";
import { yaml } from "@codemirror/lang-yaml";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { lintGutter, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { Compartment, EditorSelection, EditorState } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { tags } from "@lezer/highlight";
import { basicSetup } from "codemirror";
import { useEffect, useRef } from "react";
import { problemRange } from "./problems";
import type { EditorProblem, EditorProps } from "./types";

// Colours come from CSS variables (yaml-editor.module.css), so one style serves light and dark
// and each pair is checked for contrast where the palette is defined.
const highlight = HighlightStyle.define([
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: "var(--yaml-key)" },
  { tag: [tags.string, tags.special(tags.string), tags.content], color: "var(--yaml-string)" },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: "var(--yaml-atom)" },
  { tag: [tags.comment, tags.lineComment], color: "var(--yaml-comment)", fontStyle: "italic" },
  { tag: [tags.meta, tags.labelName, tags.typeName, tags.tagName], color: "var(--yaml-meta)" },
  { tag: [tags.punctuation, tags.separator, tags.operator], color: "var(--yaml-punct)" },
]);

function themeFor(dark: boolean) {
  return EditorView.theme(
    {
      "&": { color: "var(--text)", backgroundColor: "var(--bg)", border: "1px solid var(--border)", borderRadius: "var(--radius)" },
      "&.cm-focused": { outline: "3px solid var(--focus)", outlineOffset: "2px" },
      ".cm-scroller": { fontFamily: "var(--mono)", fontSize: "0.875rem", lineHeight: "1.5" },
      ".cm-content": { caretColor: "var(--text)" },
      ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--text)" },
      ".cm-gutters": { backgroundColor: "var(--surface)", color: "var(--muted)", borderRight: "1px solid var(--border)" },
      ".cm-activeLine": { backgroundColor: "var(--yaml-active-line)" },
      ".cm-activeLineGutter": { backgroundColor: "var(--yaml-active-line)", color: "var(--text)" },
      "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection": {
        backgroundColor: "var(--yaml-selection)",
      },
      ".cm-tooltip": { backgroundColor: "var(--surface)", color: "var(--text)", border: "1px solid var(--border)" },
      ".cm-panels": { backgroundColor: "var(--surface)", color: "var(--text)" },
      ".cm-diagnostic-error": { borderLeftColor: "var(--danger)" },
    },
    { dark },
  );
}

function toDiagnostics(text: string, problems: readonly EditorProblem[]): Diagnostic[] {
  return problems.map((p) => ({ ...problemRange(text, p.line, p.column), severity: p.severity, message: p.message }));
}

const prefersDark = () => typeof window !== "undefined" && window.matchMedia("(prefers-color-scheme: dark)").matches;

/** The CodeMirror 6 editor itself; loaded on demand by yaml-editor.tsx (next/dynamic). */
export default function CodeMirrorEditor({ value, onChange, problems, labelledBy, describedBy, invalid, handle, onReady }: EditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ onChange });
  latest.current.onChange = onChange;

  useEffect(() => {
    const theme = new Compartment();
    const created = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          keymap.of([indentWithTab]),
          yaml(),
          syntaxHighlighting(highlight),
          lintGutter(),
          theme.of(themeFor(prefersDark())),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({
            "aria-labelledby": labelledBy,
            ...(describedBy ? { "aria-describedby": describedBy } : {}),
            // Focusable by tabindex too, so checkers see the scrolling area is reachable by keyboard.
            tabindex: "0",
            spellcheck: "false",
            autocapitalize: "off",
            autocorrect: "off",
          }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latest.current.onChange(update.state.doc.toString());
            // The cursor's line, for tests and tools that cannot read CodeMirror's DOM.
            if (update.docChanged || update.selectionSet) host.current?.setAttribute("data-cursor-line", String(update.state.doc.lineAt(update.state.selection.main.head).number));
          }),
        ],
      }),
    });
    view.current = created;
    const scheme = window.matchMedia("(prefers-color-scheme: dark)");
    const follow = () => created.dispatch({ effects: theme.reconfigure(themeFor(scheme.matches)) });
    scheme.addEventListener("change", follow);
    onReady?.();
    return () => {
      scheme.removeEventListener("change", follow);
      created.destroy();
      view.current = null;
    };
    // Created once; later props are applied by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Text replaced from outside (a file read, "load theirs", an example inserted).
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (v) v.dispatch(setDiagnostics(v.state, toDiagnostics(v.state.doc.toString(), problems)));
  }, [problems]);

  useEffect(() => {
    const v = view.current;
    if (v) v.contentDOM.setAttribute("aria-invalid", invalid ? "true" : "false");
  }, [invalid]);

  useEffect(() => {
    if (!handle) return;
    handle.current = {
      goTo(line, column) {
        const v = view.current;
        if (!v) return;
        const { from } = problemRange(v.state.doc.toString(), line, column);
        v.dispatch({ selection: EditorSelection.cursor(from), effects: EditorView.scrollIntoView(from, { y: "center" }) });
        v.focus();
      },
    };
    return () => {
      handle.current = null;
    };
  }, [handle]);

  return <div ref={host} data-testid="yaml-editor" />;
}
