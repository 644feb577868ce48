import type { OptOutResponse, SubmissionsClient } from "./client.js";
import { outcomeOf, type ApiOutcome } from "./outcome.js";

/** The opt-out token of the page's address (`?token=`), if there is exactly one. */
export function optOutTokenFromLocation(search: string = location.search): string | undefined {
  const tokens = new URLSearchParams(search).getAll("token");
  return tokens.length === 1 && tokens[0] !== "" ? tokens[0] : undefined;
}

/**
 * `POST /opt-out?token=`: the one-click opt-out (RFC 8058 body `List-Unsubscribe=One-Click`), answered as JSON. A
 * form-encoded body and an `Accept` header need no CORS preflight. Repeating it is harmless (200 again), so after a
 * network failure or a 503 simply send it again.
 */
export function optOut(client: SubmissionsClient, token: string): Promise<ApiOutcome<OptOutResponse>> {
  const call = client.POST("/opt-out", {
    params: { query: { token } },
    body: { "List-Unsubscribe": "One-Click" },
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
  });
  // The 200 is JSON or an HTML page by `Accept`; this call asks for JSON.
  return outcomeOf(call) as Promise<ApiOutcome<OptOutResponse>>;
}
