import { isProblem, localProblem, type Problem } from "./problems.js";

/**
 * What one API call came to: the data of a 2xx, or a problem. `response` is missing only when no answer arrived
 * (network failure, CORS refusal, abort): then the outcome of a POST is unknown.
 */
export type ApiOutcome<T> =
  | { ok: true; data: T; response: Response }
  | { ok: false; problem: Problem; response: Response | undefined };

/** The status of a network failure in an {@link ApiOutcome}: no HTTP answer at all. */
export const NoAnswer = 0;

/** Awaits an openapi-fetch call and turns every way it can end into an {@link ApiOutcome}; never rejects. */
export async function outcomeOf<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<ApiOutcome<T>> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: localProblem(message || "No answer", NoAnswer), response: undefined };
  }

  const { data, error, response } = result;
  if (response.ok) {
    return { ok: true, data: data as T, response };
  }

  // A refusal in front of the app (an empty 401 from the host, a proxy's HTML page) is not a problem document.
  const problem = isProblem(error) ? error : localProblem(response.statusText || `HTTP ${response.status}`, response.status);
  return { ok: false, problem, response };
}
