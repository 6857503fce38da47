// A small lexer for showing API definitions (YAML, JSON, GraphQL SDL, Protocol Buffers) with
// their parts coloured, on the server: the page ships no editor and no script for it, the text
// stays plain selectable text in a <pre>, and an odd token simply stays uncoloured.

export type TokenKind = "comment" | "string" | "number" | "keyword" | "key" | "type" | "punct";
export interface Token {
  text: string;
  kind?: TokenKind;
}

export type DefinitionLanguage = "yaml" | "json" | "graphql" | "proto";

type Rule = [TokenKind | undefined, RegExp];

const STRING_DQ = /"(?:[^"\\\n]|\\.)*"?/y;
const NUMBER = /-?\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b/y;
const WORD = /[A-Za-z_][\w.-]*/y;
const SPACE = /\s+/y;

const RULES: Record<DefinitionLanguage, Rule[]> = {
  yaml: [
    ["comment", /#.*/y],
    // A mapping key: plain or quoted, at the start of a line or after "- ", before ": " or ":" at line end.
    ["key", /(?<=^[ \t]*(?:- )?)(?!- )(?:"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s#'"{}[\],:][^\n:#]*?)(?=[ \t]*:(?:[ \t]|$))/my],
    ["string", STRING_DQ],
    ["string", /'(?:[^'\n]|'')*'?/y],
    ["keyword", /\b(?:true|false|null|yes|no)\b(?![\w.-])/y],
    // Only a whole scalar is a number: "3.0.3" is a version string.
    ["number", /(?<![\w.])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?=[ \t]*(?:#|$|[,\]}]))/my],
    // Structure only: a colon or dash inside a plain value ("https://…", "team-a") is text.
    ["punct", /:(?=[ \t]|$)|[{}[\],]|[|>][-+]?(?=[ \t]*$)|-(?=[ \t])/my],
  ],
  json: [
    ["key", /"(?:[^"\\\n]|\\.)*"(?=\s*:)/y],
    ["string", STRING_DQ],
    ["keyword", /\b(?:true|false|null)\b/y],
    ["number", NUMBER],
    ["punct", /[{}[\],:]/y],
  ],
  graphql: [
    ["comment", /#.*/y],
    ["string", /"""[\s\S]*?(?:"""|$)/y],
    ["string", STRING_DQ],
    ["keyword", /\b(?:type|interface|union|enum|input|scalar|schema|extend|implements|directive|query|mutation|subscription|fragment|on|repeatable)\b/y],
    ["type", /\b[A-Z]\w*/y],
    ["number", NUMBER],
    ["punct", /[{}()[\]:!=|&@$]/y],
  ],
  proto: [
    ["comment", /\/\/.*/y],
    ["comment", /\/\*[\s\S]*?(?:\*\/|$)/y],
    ["string", STRING_DQ],
    ["keyword", /\b(?:syntax|package|import|option|message|enum|service|rpc|returns|stream|repeated|optional|required|oneof|map|reserved|extend|public|weak)\b/y],
    ["type", /\b(?:double|float|int32|int64|uint32|uint64|sint32|sint64|fixed32|fixed64|sfixed32|sfixed64|bool|string|bytes|[A-Z]\w*)\b/y],
    ["number", NUMBER],
    ["punct", /[{}()[\];=<>,.]/y],
  ],
};

/** Splits `text` into tokens whose texts concatenate back to exactly `text`. */
export function tokenize(text: string, language: DefinitionLanguage): Token[] {
  const rules = RULES[language];
  const tokens: Token[] = [];
  const push = (token: Token) => {
    const last = tokens.at(-1);
    if (last && last.kind === token.kind) last.text += token.text;
    else tokens.push(token);
  };
  let at = 0;
  outer: while (at < text.length) {
    for (const [kind, pattern] of [[undefined, SPACE] as Rule, ...rules]) {
      pattern.lastIndex = at;
      const match = pattern.exec(text);
      if (match && match[0].length > 0) {
        push(kind ? { text: match[0], kind } : { text: match[0] });
        at += match[0].length;
        continue outer;
      }
    }
    // Not a token of this language: a plain word, or one character.
    WORD.lastIndex = at;
    const word = WORD.exec(text);
    const plain = word && word[0].length > 0 ? word[0] : text[at]!;
    push({ text: plain });
    at += plain.length;
  }
  return tokens;
}

/** Which lexer suits a definition of this API type (and text, for OpenAPI/AsyncAPI written as JSON). */
export function languageOf(apiType: string | undefined, text: string): DefinitionLanguage {
  switch ((apiType ?? "").toLowerCase()) {
    case "graphql":
      return "graphql";
    case "grpc":
      return "proto";
    default:
      return text.trimStart().startsWith("{") ? "json" : "yaml";
  }
}
