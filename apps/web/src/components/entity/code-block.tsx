import { tokenize, type DefinitionLanguage } from "./highlight";
import styles from "./entity.module.css";

/** Read-only code with its tokens coloured on the server; focusable so keyboard users can scroll it. */
export function CodeBlock({ text, language, label }: { text: string; language: DefinitionLanguage; label: string }) {
  return (
    <pre className={styles.code} tabIndex={0} aria-label={label}>
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
  );
}
