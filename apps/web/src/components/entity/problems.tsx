import type { ProblemView } from "@/lib/entity-view";
import styles from "./entity.module.css";

const LEVEL_LABEL = { error: "Error", warning: "Warning", info: "Info" } as const;

/** The entity's status items, each with its level in words (not colour alone). */
export function Problems({ problems }: { problems: ProblemView[] }) {
  return (
    <section aria-labelledby="problems-heading" className={styles.section}>
      <h2 id="problems-heading">
        Problems <span className={styles.count}>({problems.length})</span>
      </h2>
      {problems.length === 0 ? (
        <p className={`panel ${styles.empty}`}>No problems: every relation resolves and nothing is waiting to be supplied.</p>
      ) : (
        <ul className={styles.problems} aria-label="Problems">
          {problems.map((problem, i) => (
            <li key={i} className={styles.problem} data-level={problem.level}>
              <span className={styles.level} data-level={problem.level}>
                {LEVEL_LABEL[problem.level]}
              </span>
              <span>
                {problem.message}
                <span className={styles.problemType}>{problem.type}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
