import type {
  CommentRequest, CommentSubmitted, ConsentLabel, FormKind, PromotionEntryRequest, PromotionEntryResponse, PublicPromotion,
  RegistrationRequest, RegistrationResponse, SubmissionsClient, VoteRequest, VoteResponse,
} from "./client.js";
import { ConsentForm, type ConsentFormOptions } from "./consent-form.js";
import { outcomeOf, type ApiOutcome } from "./outcome.js";
import { renderPromotionFields } from "./promotion-fields.js";
import { mergeText } from "./text.js";
import { voterToken as cookieVoterToken } from "./voter-token.js";

/** Options every form takes: what {@link ConsentFormOptions} takes, less what the form itself decides. */
export type FormOptions<T> = Omit<ConsentFormOptions<T>, "form" | "load" | "send">;

/** The labels of a form, from `GET /consent-labels?form=`; `fresh` revalidates instead of using the browser cache. */
export async function loadConsentLabels(
  client: SubmissionsClient, form: FormKind, fresh = false,
): Promise<ApiOutcome<readonly ConsentLabel[]>> {
  const outcome = await outcomeOf(client.GET("/consent-labels", {
    params: { query: { form } },
    ...(fresh ? { cache: "no-cache" as const } : {}),
  }));
  return outcome.ok ? { ...outcome, data: outcome.data.labels } : outcome;
}

/** `POST /registrations`: email, display name, optional profile (`profile.*` inputs), the registration labels. */
export function mountRegistrationForm(
  client: SubmissionsClient, form: HTMLFormElement, options: FormOptions<RegistrationResponse> = {},
): ConsentForm<RegistrationResponse> {
  return new ConsentForm<RegistrationResponse>({
    ...options,
    form,
    load: (fresh) => loadConsentLabels(client, "registration", fresh),
    send: (body, key) => outcomeOf(client.POST("/registrations", {
      body: body as RegistrationRequest,
      params: { header: { "Idempotency-Key": key } },
    })),
  }).start();
}

/** `POST /comments` for one page: display name, optional email, text, the comment labels. */
export function mountCommentForm(
  client: SubmissionsClient, form: HTMLFormElement, options: FormOptions<CommentSubmitted> & { pageId: string },
): ConsentForm<CommentSubmitted> {
  const { pageId, complete, ...rest } = options;
  return new ConsentForm<CommentSubmitted>({
    ...rest,
    form,
    complete: (values) => ({ pageId, ...(complete?.(values) ?? values) }),
    load: (fresh) => loadConsentLabels(client, "comment", fresh),
    send: (body, key) => outcomeOf(client.POST("/comments", {
      body: body as CommentRequest,
      params: { header: { "Idempotency-Key": key } },
    })),
  }).start();
}

/**
 * `POST /polls/{pollId}/votes`: the chosen option (radios named `optionId`, which the page renders from the poll's
 * results), optional email, the poll labels, and the voter token (by default from a first-party cookie, set at the
 * first vote).
 */
export function mountPollVoteForm(
  client: SubmissionsClient, form: HTMLFormElement, options: FormOptions<VoteResponse> & { pollId: string; voterToken?: string },
): ConsentForm<VoteResponse> {
  const { pollId, voterToken, complete, ...rest } = options;
  return new ConsentForm<VoteResponse>({
    ...rest,
    form,
    // The cookie is set only when the person votes, not when the page is merely viewed.
    complete: (values) => ({ ...(complete?.(values) ?? values), voterToken: voterToken ?? cookieVoterToken() }),
    load: (fresh) => loadConsentLabels(client, "poll", fresh),
    send: (body, key) => outcomeOf(client.POST("/polls/{pollId}/votes", {
      body: body as VoteRequest,
      params: { path: { pollId }, header: { "Idempotency-Key": key } },
    })),
  }).start();
}

export interface PromotionFormOptions extends FormOptions<PromotionEntryResponse> {
  promotionId: string;
  /** Called with the promotion each time it is loaded (title, window, status), before the form renders it. */
  onPromotion?: (promotion: PublicPromotion) => void;
  /** Where the promotion's own fields go; default the form's `[data-promotion-fields]` element (none: not rendered). */
  fields?: HTMLElement;
  /** Labels for the promotion's fields by name; default from the name (`favouriteColour` → "Favourite colour"). */
  fieldLabels?: Record<string, string>;
}

/**
 * `POST /promotions/{promotionId}/entries`, with nothing hard-coded: `GET /promotions/{promotionId}` gives the fields
 * (rendered as inputs named `fields.{name}`) and the labels; a promotion that is not open closes the form.
 */
export function mountPromotionEntryForm(
  client: SubmissionsClient, form: HTMLFormElement, options: PromotionFormOptions,
): ConsentForm<PromotionEntryResponse> {
  const { promotionId, onPromotion, fields, fieldLabels, ...rest } = options;
  const text = mergeText(rest.text);
  const fieldsContainer = fields ?? form.querySelector<HTMLElement>("[data-promotion-fields]") ?? undefined;
  const consentForm: ConsentForm<PromotionEntryResponse> = new ConsentForm<PromotionEntryResponse>({
    ...rest,
    form,
    load: async (fresh) => {
      const outcome = await outcomeOf(client.GET("/promotions/{promotionId}", {
        params: { path: { promotionId } },
        ...(fresh ? { cache: "no-cache" as const } : {}),
      }));
      if (!outcome.ok) {
        return outcome;
      }
      const promotion = outcome.data;
      onPromotion?.(promotion);
      if (fieldsContainer !== undefined) {
        renderPromotionFields(fieldsContainer, promotion.fields, consentForm.idPrefix, text, fieldLabels ?? {});
      }
      if (promotion.status !== "open") {
        consentForm.close(text.promotionNotOpen(promotion.status, new Date(promotion.startsAt), new Date(promotion.endsAt)));
      }
      return { ...outcome, data: promotion.labels };
    },
    send: (body, key) => outcomeOf(client.POST("/promotions/{promotionId}/entries", {
      body: body as PromotionEntryRequest,
      params: { path: { promotionId }, header: { "Idempotency-Key": key } },
    })),
  });
  return consentForm.start();
}
