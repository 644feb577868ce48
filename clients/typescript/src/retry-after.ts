/**
 * `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP date. The API sends seconds on 429 and 503; a browser can
 * read the header only when the API's CORS answer exposes it, so a missing header falls back to a short default.
 */
export function retryAfterSeconds(response: Response | undefined, fallbackSeconds: number, now: Date = new Date()): number {
  const value = response?.headers.get("Retry-After")?.trim();
  if (value === undefined || value === "") {
    return fallbackSeconds;
  }

  if (/^\d+$/.test(value)) {
    return Math.max(1, Number.parseInt(value, 10));
  }

  const at = Date.parse(value);
  return Number.isNaN(at) ? fallbackSeconds : Math.max(1, Math.ceil((at - now.getTime()) / 1000));
}

/** Statuses after which the same request may be tried again later, with the same `Idempotency-Key`. */
export function isRetryLater(status: number): boolean {
  return status === 429 || status === 503;
}
