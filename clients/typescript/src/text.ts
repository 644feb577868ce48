import { ErrorCodes } from "./problems.js";

/** Every sentence the kit shows, so a site can translate or reword them (pass a partial set; the rest stay English). */
export interface KitText {
  /** The answer choices of each consent question. */
  yes: string;
  no: string;
  /** Shown after the text of a label that must be granted to submit. */
  requiredMark: string;
  /** Visually hidden prefix of each field error, so a screen reader says it is an error. */
  errorPrefix: string;
  /** Field error texts by code; a code not listed here shows the API's own message. */
  codes: Record<string, string>;
  /** The submit button's text while a submission is in flight. */
  sending: string;
  loadFailed: string;
  tryLoadingAgain: string;
  summaryTitle: (count: number) => string;
  networkError: string;
  serverError: (status: number) => string;
  retryAt: (seconds: number, at: Date) => string;
  retryCountdown: (seconds: number) => string;
  retryNow: string;
  labelsChanged: string;
  promotionNotOpen: (status: string, startsAt: Date, endsAt: Date) => string;
  /** The label of a promotion field the site gave no label for, from its camelCase name. */
  fieldLabel: (name: string) => string;
  optional: string;
}

const time = (at: Date) => at.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

export const defaultText: KitText = {
  yes: "Yes",
  no: "No",
  requiredMark: "(required: answer yes to continue)",
  errorPrefix: "Error:",
  codes: {
    [ErrorCodes.required]: "This is required.",
    [ErrorCodes.emailFormat]: "Enter an email address in the form name@example.com.",
    [ErrorCodes.consentMissing]: "Please answer this question with yes or no.",
    [ErrorCodes.consentRequired]: "You can only send this form if you answer yes here.",
    [ErrorCodes.consentVersionRetired]: "The wording of this question has changed. Please read it again and answer it.",
    [ErrorCodes.consentVersionUnknown]: "The wording of this question has changed. Please read it again and answer it.",
    [ErrorCodes.consentUnknown]: "This question has changed. Please read the form again.",
    [ErrorCodes.duplicate]: "This has already been sent.",
  },
  sending: "Sending…",
  loadFailed: "The form could not be loaded.",
  tryLoadingAgain: "Try loading it again",
  summaryTitle: (count) => count === 1 ? "There is a problem with 1 answer:" : `There are problems with ${count} answers:`,
  networkError: "The service could not be reached. Your answers are kept: send again (it will not be stored twice).",
  serverError: (status) => `Something went wrong on our side (HTTP ${status}). Your answers are kept: send again (it will not be stored twice).`,
  retryAt: (seconds, at) => `Too many attempts, or the service is busy. You can send again in ${seconds} seconds, at ${time(at)}.`,
  retryCountdown: (seconds) => `You can send again in ${seconds} s.`,
  retryNow: "You can send the form again now.",
  labelsChanged: "Some questions on this form have changed. Please read the marked ones again and answer them.",
  promotionNotOpen: (status, startsAt, endsAt) => status === "upcoming"
    ? `This promotion opens on ${startsAt.toLocaleString()}.`
    : `This promotion ended on ${endsAt.toLocaleString()}.`,
  fieldLabel: (name) => {
    const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
    return words.charAt(0).toUpperCase() + words.slice(1);
  },
  optional: "(optional)",
};

/** The default text with a site's overrides; `codes` are merged, not replaced. */
export function mergeText(overrides: Partial<KitText> | undefined): KitText {
  return { ...defaultText, ...overrides, codes: { ...defaultText.codes, ...overrides?.codes } };
}
