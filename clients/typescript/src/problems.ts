import type { components } from "./schema.js";

/**
 * An `application/problem+json` answer (RFC 9457) as the API sends it: `type`, `title`, `status`, and for field
 * problems `errors` (JSON path → messages) and `codes` (the same JSON paths → one stable code per message, in the same
 * order). Typed loosely on purpose: any extra member, any code string, works.
 */
export type Problem = Omit<components["schemas"]["ProblemDetails"], "type"> & {
  /** One of the documented `urn:submissions:problem:*` types (components["schemas"]["ProblemType"]); a type added
   * later, or `about:blank` for a problem made on this side, is a string like any other. */
  type: components["schemas"]["ProblemType"] | (string & {});
  errors?: Record<string, string[]>;
  codes?: Record<string, string[]>;
  [member: string]: unknown;
};

/** One field problem: where (the JSON path as the API names it), what (a stable code) and the API's own words. */
export interface FieldError {
  path: string;
  code: string;
  message: string;
}

/** Codes the kit acts on. Any other code string is shown with the API's message. */
export const ErrorCodes = {
  required: "required",
  tooLong: "too-long",
  emailFormat: "email-format",
  invalidFormat: "invalid-format",
  consentMissing: "consent-missing",
  consentRequired: "consent-required",
  consentVersionRetired: "consent-version-retired",
  consentVersionUnknown: "consent-version-unknown",
  consentUnknown: "consent-unknown",
  duplicate: "duplicate",
  invalid: "invalid",
} as const;

/** The code used when the API sent a message without a code (an older API, or a message the codes do not cover). */
export const UnknownCode = "invalid";

/** Whether a JSON body is a problem document (it has at least a numeric status and a title). */
export function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null
    && typeof (value as { status?: unknown }).status === "number"
    && typeof (value as { title?: unknown }).title === "string";
}

/** The field errors of a problem, in the API's order: one per message, each with its code (or {@link UnknownCode}). */
export function fieldErrors(problem: Problem): FieldError[] {
  const errors = isStringArrayRecord(problem.errors) ? problem.errors : {};
  const codes = isStringArrayRecord(problem.codes) ? problem.codes : {};
  const paths = new Set([...Object.keys(errors), ...Object.keys(codes)]);
  const result: FieldError[] = [];
  for (const path of paths) {
    const messages = errors[path] ?? [];
    const pathCodes = codes[path] ?? [];
    const count = Math.max(messages.length, pathCodes.length);
    for (let index = 0; index < count; index++) {
      result.push({ path, code: pathCodes[index] ?? UnknownCode, message: messages[index] ?? "" });
    }
  }
  return result;
}

/**
 * Codes that mean the page's labels are stale: a version the API no longer takes (or never knew), or a label that no
 * longer applies to the form. Reloading shows the questions the API asks now.
 */
const reloadCodes: ReadonlySet<string> = new Set([ErrorCodes.consentVersionRetired, ErrorCodes.consentVersionUnknown, ErrorCodes.consentUnknown]);

/** Whether the problem says the form showed a label version that is no longer answerable: reload the labels. */
export function asksToReloadLabels(problem: Problem): boolean {
  return fieldErrors(problem).some((error) => reloadCodes.has(error.code));
}

/** A problem made on this side (no answer from the API, or a local check), so one code path shows every problem. */
export function localProblem(title: string, status = 0, errors: FieldError[] = []): Problem {
  const problem: Problem = { type: "about:blank", title, status };
  if (errors.length > 0) {
    problem.errors = {};
    problem.codes = {};
    for (const error of errors) {
      (problem.errors[error.path] ??= []).push(error.message);
      (problem.codes[error.path] ??= []).push(error.code);
    }
  }
  return problem;
}

function isStringArrayRecord(value: unknown): value is Record<string, string[]> {
  return typeof value === "object" && value !== null
    && Object.values(value).every((item) => Array.isArray(item) && item.every((entry) => typeof entry === "string"));
}
