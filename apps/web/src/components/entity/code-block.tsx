import { tokenize, type DefinitionLanguage } from "./highlight";
import styles from "./entity.module.css";

/**
 * Read-only code with its tokens coloured on the server. The scrolling box is a named,
 * focusable region so keyboard users can scroll it.
 */
export function CodeBlock({ text, language, label }: { text: string; language: DefinitionLanguage; label: string }) {
  return (
    <div className={styles.code} role="region" aria-label={label} tabIndex={0}>
      <pre>
        <code>
          {tokenize(text, language).map((token, i) =>
            token.kind ? (
              <span key={i} className={styles[`tok-${token.kind}`]}>
                {token.text}
              </span>
            ) : (
              token.text
            ),
          )}
        </code>
      </pre>
    </div>
  );
}
