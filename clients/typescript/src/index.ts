// The frontend kit of the Submissions API: a typed client generated from docs/openapi.yaml, and a small
// dependency-free helper for its consent forms. See clients/typescript/README.md.
export { createSubmissionsClient } from "./client.js";
export type {
  SubmissionsClient, SubmissionsClientOptions, FormKind, ConsentLabel, ConsentAnswer, ConsentReceipt,
  RegistrationRequest, RegistrationResponse, CommentRequest, CommentSubmitted, PublicComments, VoteRequest,
  VoteResponse, PollResults, PublicPromotion, PromotionField, PromotionEntryRequest, PromotionEntryResponse,
  OptOutResponse, SubmissionStatus, ConfirmationResponse,
} from "./client.js";
export type { paths, components, operations } from "./schema.js";

export { ConsentForm } from "./consent-form.js";
export type { ConsentFormOptions, StoredDetails, SubmissionBody } from "./consent-form.js";
export {
  loadConsentLabels, mountRegistrationForm, mountCommentForm, mountPollVoteForm, mountPromotionEntryForm,
} from "./forms.js";
export type { FormOptions, PromotionFormOptions } from "./forms.js";
export { renderConsentQuestions, answersOf, consentPath, consentQuestionId } from "./consent-questions.js";
export { renderPromotionFields, promotionFieldId } from "./promotion-fields.js";
export { renderReceipt } from "./receipt.js";
export type { ReceiptOptions } from "./receipt.js";
export { optOut, optOutTokenFromLocation } from "./opt-out.js";

export { outcomeOf, NoAnswer } from "./outcome.js";
export type { ApiOutcome } from "./outcome.js";
export { ErrorCodes, UnknownCode, fieldErrors, asksToReloadLabels, isProblem } from "./problems.js";
export type { Problem, FieldError } from "./problems.js";
export { retryAfterSeconds, isRetryLater } from "./retry-after.js";
export { newIdempotencyKey, IdempotencyKeys, keepsAttemptOpen } from "./idempotency.js";
export { voterToken } from "./voter-token.js";
export { defaultText, mergeText } from "./text.js";
export type { KitText } from "./text.js";
