import type { Condition } from "@cartograph/db";
import { allOf, anyOf, equals, exists, hasPrefix, not } from "./conditions.ts";
import { inputError } from "./errors.ts";

/** Deeper predicates are refused rather than risk the stack. */
const MAX_DEPTH = 32;
/** Values in one predicate: each becomes a few bind parameters, and a statement takes at most 65,535. */
const MAX_VALUES = 2_000;

/** What is left of the value budget while one predicate is compiled. */
interface Budget {
  values: number;
}

function spend(budget: Budget, values: number): void {
  budget.values -= values;
  if (budget.values < 0) throw inputError(`Invalid query: more than ${MAX_VALUES} values`);
}

type Primitive = string | number | boolean;

const isPrimitive = (v: unknown): v is Primitive => typeof v === "string" || typeof v === "number" || typeof v === "boolean";
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A predicate query (`@backstage/filter-predicates`) as a condition on the search index. An object
 * maps dot paths to values or matchers and is an AND; `$all`, `$any` and `$not` combine predicates;
 * matchers are `$exists`, `$in`, `$contains` and `$hasPrefix`. Matching is case-insensitive.
 */
export function parsePredicate(predicate: unknown): Condition {
  return compile(predicate, "query", 0, { values: MAX_VALUES });
}

function compile(node: unknown, path: string, depth: number, budget: Budget): Condition {
  if (depth > MAX_DEPTH) throw inputError(`Invalid query: nested deeper than ${MAX_DEPTH} levels`);
  if (!isObject(node)) throw inputError(`Invalid query at ${path}: expected an object`);
  const parts: Condition[] = [];
  for (const [key, value] of Object.entries(node)) {
    const at = `${path}.${key}`;
    if (key === "$all") parts.push(allOf(list(value, at).map((v, i) => compile(v, `${at}[${i}]`, depth + 1, budget))));
    else if (key === "$any") parts.push(anyOf(list(value, at).map((v, i) => compile(v, `${at}[${i}]`, depth + 1, budget))));
    else if (key === "$not") parts.push(not(compile(value, at, depth + 1, budget)));
    else if (key.startsWith("$")) throw inputError(`Invalid query at ${path}: unknown operator '${key}'`);
    else parts.push(matcher(key, value, at, budget));
  }
  return allOf(parts);
}

function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw inputError(`Invalid query at ${path}: expected an array`);
  return value;
}

/** What one field must satisfy: a value, or an object of matchers (all must hold). */
function matcher(key: string, value: unknown, path: string, budget: Budget): Condition {
  spend(budget, 1);
  if (isPrimitive(value)) return equals(key, [String(value)]);
  if (!isObject(value) || Object.keys(value).length === 0) {
    throw inputError(`Invalid query at ${path}: expected a string, number, boolean or an object of matchers`);
  }
  return allOf(Object.entries(value).map(([op, operand]) => operator(key, op, operand, `${path}.${op}`, budget)));
}

function operator(key: string, op: string, operand: unknown, path: string, budget: Budget): Condition {
  switch (op) {
    case "$exists":
      if (typeof operand !== "boolean") throw inputError(`Invalid query at ${path}: expected true or false`);
      return operand ? exists(key) : not(exists(key));
    case "$in": {
      const values = list(operand, path);
      if (!values.every(isPrimitive)) throw inputError(`Invalid query at ${path}: expected an array of strings, numbers or booleans`);
      spend(budget, values.length);
      return equals(key, values.map(String));
    }
    case "$contains":
      if (!isPrimitive(operand)) throw inputError(`Invalid query at ${path}: expected a string, number or boolean`);
      return equals(key, [String(operand)]);
    case "$hasPrefix":
      if (typeof operand !== "string") throw inputError(`Invalid query at ${path}: expected a string`);
      return hasPrefix(key, operand);
    default:
      throw inputError(`Invalid query at ${path}: unknown matcher '${op}'`);
  }
}
