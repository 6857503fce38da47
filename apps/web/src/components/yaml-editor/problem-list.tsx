"use client";

import type { FieldError } from "@cartograph/contracts";
import { describeProblem } from "./problems";
import styles from "./yaml-editor.module.css";

/** Each problem as a button that puts the cursor on its line. */
export function ProblemList({ errors, goTo, label = "Problems in the descriptor" }: { errors: readonly FieldError[]; goTo(line: number, column?: number): void; label?: string }) {
  return (
    <ul className={styles.problems} aria-label={label}>
      {errors.map((error, i) => (
        <li key={`${i}-${error.line}-${error.path}`}>
          {error.line !== undefined ? (
            <button type="button" className={styles.problem} onClick={() => goTo(error.line!, error.column)}>
              {describeProblem(error)}
            </button>
          ) : (
            <span className={styles.problemText}>{describeProblem(error)}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
