"use client";

import type { FieldError, ValidateResponse } from "@cartograph/contracts";
import { useEffect, useRef, useState } from "react";
import { validateDescriptorAction } from "./actions";

export type Validation =
  | { state: "idle" }
  | { state: "checking"; previous: Validation }
  | { state: "valid"; documents: number; warnings: ValidateResponse["warnings"] }
  | { state: "invalid"; errors: FieldError[]; warnings: ValidateResponse["warnings"] }
  | { state: "unavailable"; message: string };

export const VALIDATE_DELAY_MS = 400;

/**
 * Validation as you type: the text is sent once typing pauses; only the answer for the newest
 * text counts (an older request still in flight is ignored when it lands).
 */
export function useValidation(text: string, enabled: boolean): Validation {
  const [validation, setValidation] = useState<Validation>({ state: "idle" });
  const sequence = useRef(0);

  useEffect(() => {
    const mine = ++sequence.current;
    if (!enabled || text.trim() === "") {
      setValidation({ state: "idle" });
      return;
    }
    setValidation((previous) => ({ state: "checking", previous: previous.state === "checking" ? previous.previous : previous }));
    const timer = setTimeout(async () => {
      let answer: Awaited<ReturnType<typeof validateDescriptorAction>>;
      try {
        answer = await validateDescriptorAction(text);
      } catch {
        answer = { ok: false, message: "Can't check right now: the server did not answer." };
      }
      if (mine !== sequence.current) return;
      if (!answer.ok) setValidation({ state: "unavailable", message: answer.message });
      else if (answer.result.valid && answer.result.errors.length === 0) setValidation({ state: "valid", documents: answer.result.documents, warnings: answer.result.warnings });
      else setValidation({ state: "invalid", errors: answer.result.errors, warnings: answer.result.warnings });
    }, VALIDATE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, enabled]);

  return validation;
}

/** What to show while a check runs: the last answer, so the list does not flicker. */
export function settled(validation: Validation): Exclude<Validation, { state: "checking" }> {
  return validation.state === "checking" ? settled(validation.previous) : validation;
}
