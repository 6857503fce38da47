import { existsSync, readFileSync } from "node:fs";
import { NewPasswordSchema, toFieldErrors, type FieldError } from "@cartograph/contracts";
import { ValidationError } from "../../errors.ts";

/**
 * What makes a new password acceptable beyond its length (NIST SP 800-63B 5.1.1.2): it is not on
 * the list of passwords attackers try first, not one character repeated, and does not contain the
 * account's own email name. No composition rules (digits, symbols): they make passwords harder to
 * remember, not to guess.
 */

/**
 * Case, symbols around the password and the usual letter-for-digit swaps change nothing for an
 * attacker's list, so candidates and list entries are compared in this form.
 */
export function normalizeForComparison(password: string): string {
  const swaps: Record<string, string> = { "@": "a", "4": "a", "3": "e", "1": "i", "!": "i", "0": "o", $: "s", "5": "s", "7": "t" };
  const trimmed = password.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  return [...trimmed].map((c) => swaps[c] ?? c).join("");
}

/** The list ships beside this file; a bundled build (dist/) finds it in the sources it was built from. */
function readCommonPasswords(): Set<string> {
  const candidates = [new URL("./common-passwords.txt", import.meta.url), new URL("../src/modules/auth/common-passwords.txt", import.meta.url)];
  const file = candidates.find((url) => existsSync(url));
  if (!file) throw new Error("common-passwords.txt is missing: the password check cannot run without it");
  const entries = readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  return new Set(entries.map(normalizeForComparison));
}

// Read at start-up, so a missing list stops the server rather than the first password change.
const COMMON = readCommonPasswords();

export function isCommonPassword(password: string): boolean {
  return COMMON.has(normalizeForComparison(password));
}

/** Every rule the password breaks, as field errors on `path`; empty when it is acceptable. */
export function passwordProblems(password: unknown, context: { email?: string }, path = "password"): FieldError[] {
  const shape = NewPasswordSchema.safeParse(password);
  if (!shape.success) return toFieldErrors(shape.error.issues, [path]);
  const value = shape.data;
  const problems: string[] = [];
  if (/^(.)\1*$/su.test(value)) problems.push("must not be a single character repeated");
  else if (isCommonPassword(value)) {
    problems.push("is too common: it is on the list of passwords attackers try first. A few unrelated words make a strong password");
  }
  const localPart = context.email?.split("@")[0]?.toLowerCase();
  if (localPart && localPart.length >= 3 && value.toLowerCase().includes(localPart)) {
    problems.push(`must not contain the account's email name ("${localPart}")`);
  }
  return problems.map((message) => ({ path, message }));
}

/** Throws a 422 naming the field and every rule it breaks. */
export function assertAcceptablePassword(password: string, context: { email?: string }, path = "password"): void {
  const errors = passwordProblems(password, context, path);
  if (errors.length > 0) throw new ValidationError("The password does not meet the password rules.", errors, "weak_password");
}
