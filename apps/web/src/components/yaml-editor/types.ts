import type { RefObject } from "react";

/** A problem to mark in the editor: 1-based line and column, as the API reports them. */
export interface EditorProblem {
  line?: number;
  column?: number;
  message: string;
  severity: "error" | "warning";
}

/** What the page can ask of an editor (the CodeMirror one or the plain textarea fallback). */
export interface EditorHandle {
  /** Puts the cursor at the line (and column) and focuses the editor. */
  goTo(line: number, column?: number): void;
}

export interface EditorProps {
  value: string;
  onChange(text: string): void;
  problems: readonly EditorProblem[];
  /** Id of the visible label. */
  labelledBy: string;
  describedBy?: string;
  invalid: boolean;
  handle?: RefObject<EditorHandle | null>;
  /** Called once the editor is in the page (the fallback textarea can go). */
  onReady?(): void;
}
