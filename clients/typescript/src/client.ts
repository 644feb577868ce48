import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "./schema.js";

/** The typed client: every path, parameter, body and response of docs/openapi.yaml, checked by the compiler. */
export type SubmissionsClient = Client<paths>;

export interface SubmissionsClientOptions {
  /** The API base including the host's route prefix, e.g. `http://localhost:7071/api` or `https://api.example.org/api`. */
  baseUrl: string;
  /** A fetch to use instead of the global one (tests, instrumentation). */
  fetch?: typeof globalThis.fetch;
}

/**
 * A client over openapi-fetch for the public routes (and, with a key, the admin ones). It never throws for an HTTP
 * status: `{ data }` on 2xx, `{ error }` (the problem document) otherwise; only a network failure rejects.
 */
export function createSubmissionsClient(options: SubmissionsClientOptions): SubmissionsClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  // Credentials are never sent: the public API is anonymous and its CORS answer does not allow them.
  return options.fetch === undefined
    ? createClient<paths>({ baseUrl, credentials: "omit" })
    : createClient<paths>({ baseUrl, credentials: "omit", fetch: options.fetch });
}

type Schemas = components["schemas"];

export type FormKind = Schemas["FormKind"];
export type ConsentLabel = Schemas["FormConsentLabel"];
export type ConsentAnswer = Schemas["ConsentAnswer"];
export type ConsentReceipt = Schemas["ConsentReceipt"];
export type RegistrationRequest = Schemas["RegistrationRequest"];
export type RegistrationResponse = Schemas["RegistrationResponse"];
export type CommentRequest = Schemas["CommentRequest"];
export type CommentSubmitted = Schemas["CommentSubmitted"];
export type PublicComments = Schemas["PublicComments"];
export type VoteRequest = Schemas["VoteRequest"];
export type VoteResponse = Schemas["VoteResponse"];
export type PollResults = Schemas["PollResults"];
export type PublicPromotion = Schemas["PublicPromotion"];
export type PromotionField = Schemas["PromotionField"];
export type PromotionEntryRequest = Schemas["PromotionEntryRequest"];
export type PromotionEntryResponse = Schemas["PromotionEntryResponse"];
export type OptOutResponse = Schemas["OptOutResponse"];
/** `awaiting-confirmation`: a registration or entry counts only once its owner confirms the link mailed to them. */
export type SubmissionStatus = Schemas["SubmissionStatus"];
export type ConfirmationResponse = Schemas["ConfirmationResponse"];
