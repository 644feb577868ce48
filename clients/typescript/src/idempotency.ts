/** A fresh `Idempotency-Key`: a random UUID (printable ASCII, as the API's pattern `^[!-~]{1,255}$` asks). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") {
    return crypto.randomUUID();
  }

  // Outside a secure context randomUUID is missing; 16 random bytes as hex serve the same purpose.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * One key per attempt. An attempt is one body: sending the same body again after a network failure, a 5xx or a 429
 * (outcome unknown, or not processed) reuses its key, so the API answers with the first result instead of storing a
 * second record; any other body, or any send after a final answer, is a new attempt with a new key.
 */
export class IdempotencyKeys {
  private pending: { body: string; key: string } | undefined;

  /** The key to send this body with. */
  keyFor(body: string): string {
    if (this.pending?.body !== body) {
      this.pending = { body, key: newIdempotencyKey() };
    }
    return this.pending.key;
  }

  /** The attempt got a final answer (2xx, or a 4xx that retrying cannot change): the next send is a new attempt. */
  settle(): void {
    this.pending = undefined;
  }

  /** The key of the attempt still open, if any (for display and tests). */
  get openKey(): string | undefined {
    return this.pending?.key;
  }
}

/** Whether an answer with this status leaves the attempt open (retry it with the same key) rather than settling it. */
export function keepsAttemptOpen(status: number): boolean {
  return status === 429 || status >= 500;
}
