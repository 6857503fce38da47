/**
 * When a refused request may be tried again, from a Retry-After header (delay in seconds or an
 * HTTP date), in words: "in 15 minutes (at 14:05 UTC)". Null when the header says nothing usable.
 */
export function describeRetryAfter(header: string | null | undefined, now: number): string | null {
  if (!header) return null;
  const trimmed = header.trim();
  const at = /^\d+$/.test(trimmed) ? now + Number(trimmed) * 1000 : Date.parse(trimmed);
  if (!Number.isFinite(at)) return null;
  const seconds = Math.max(1, Math.ceil((at - now) / 1000));
  const wait =
    seconds < 60
      ? `${seconds} ${seconds === 1 ? "second" : "seconds"}`
      : seconds < 5400
        ? plural(Math.ceil(seconds / 60), "minute")
        : plural(Math.round(seconds / 3600), "hour");
  const clock = new Date(at).toISOString().slice(11, 16);
  return `in ${wait} (at ${clock} UTC)`;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
