import type { ConsentAnswer, ConsentLabel } from "./client.js";
import { answersOf, consentPath, readGranted, renderConsentQuestions } from "./consent-questions.js";
import { FieldErrorDisplay } from "./field-error-display.js";
import { collectValues, missingRequired } from "./form-values.js";
import { IdempotencyKeys, keepsAttemptOpen } from "./idempotency.js";
import type { ApiOutcome } from "./outcome.js";
import { asksToReloadLabels, ErrorCodes, fieldErrors, localProblem, type FieldError, type Problem } from "./problems.js";
import { isRetryLater, retryAfterSeconds } from "./retry-after.js";
import { FormStatus } from "./form-status.js";
import { mergeText, type KitText } from "./text.js";

/** The JSON body a consent form sends: the form's own values plus one answer per label. */
export type SubmissionBody = Record<string, unknown> & { consents: ConsentAnswer[] };

/** What {@link ConsentFormOptions.onStored} learns besides the API's answer. */
export interface StoredDetails {
  /** The API answered with the stored first result of this `Idempotency-Key` (`Idempotent-Replayed: true`). */
  replayed: boolean;
  idempotencyKey: string;
  /** The labels the person answered, to show the receipt with their text. */
  labels: readonly ConsentLabel[];
  body: SubmissionBody;
  response: Response;
}

export interface ConsentFormOptions<T> {
  form: HTMLFormElement;
  /** Loads the labels to ask; `fresh` bypasses the browser cache (after the API said they changed). */
  load: (fresh: boolean) => Promise<ApiOutcome<readonly ConsentLabel[]>>;
  /** Sends one attempt with its `Idempotency-Key`. */
  send: (body: SubmissionBody, idempotencyKey: string) => Promise<ApiOutcome<T>>;
  /** Adds what the inputs do not hold (a page id, a voter token) to the collected values. */
  complete?: (values: Record<string, unknown>) => Record<string, unknown>;
  onStored?: (result: T, details: StoredDetails) => void;
  /** Every problem answer, after the kit showed it (for analytics or custom display). */
  onProblem?: (problem: Problem, response: Response | undefined) => void;
  text?: Partial<KitText>;
  /** Prefix of generated ids; default the form's `data-id-prefix`, else its id less a trailing `-form`. */
  idPrefix?: string;
  /** Where the consent questions go; default the form's `[data-consents]` element. */
  consents?: HTMLElement;
  /** Where form-level messages go; default the form's `[data-form-status]` element (created if missing). */
  status?: HTMLElement;
  /** Seconds to wait after a 429/503 whose `Retry-After` the browser cannot read; default 5. */
  retryFallbackSeconds?: number;
  /** Check required inputs and consent answers before sending (the API checks them anyway); default true. */
  checkBeforeSending?: boolean;
  /** Clear the inputs and answers after a stored submission; default true. */
  resetAfterStored?: boolean;
}

/**
 * One consent form: asks the form's labels as explicit yes/no questions, sends one attempt per body with its own
 * `Idempotency-Key` (the same key when the same body is sent again after a network failure, 5xx or 429), keeps its
 * submit buttons disabled while a request is in flight or a `Retry-After` runs, shows the API's field errors next to
 * the inputs they name, and reloads the labels when the API says the version shown is retired.
 */
export class ConsentForm<T> {
  readonly form: HTMLFormElement;
  readonly idPrefix: string;
  /** Settles when the first load of the labels has ended (successfully or not). */
  ready: Promise<void> = Promise.resolve();
  private readonly text: KitText;
  private readonly consents: HTMLElement;
  private readonly status: FormStatus;
  private readonly errors: FieldErrorDisplay;
  private readonly keys = new IdempotencyKeys();
  private currentLabels: readonly ConsentLabel[] = [];
  private loaded = false;
  private busy = false;
  private closed = false;
  private waitUntil = 0;
  private waitTimer: ReturnType<typeof setInterval> | undefined;
  private lastSent: SubmissionBody | undefined;
  private readonly onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    void this.submit();
  };

  constructor(private readonly options: ConsentFormOptions<T>) {
    this.form = options.form;
    this.idPrefix = options.idPrefix ?? options.form.dataset["idPrefix"] ?? (options.form.id.replace(/-form$/, "") || "form");
    this.text = mergeText(options.text);
    this.consents = options.consents ?? required(this.form.querySelector<HTMLElement>("[data-consents]"), "[data-consents]");
    this.status = new FormStatus(options.status ?? this.form.querySelector<HTMLElement>("[data-form-status]") ?? undefined,
      this.form, this.idPrefix, this.text);
    this.errors = new FieldErrorDisplay(this.text);
    // The kit shows its own messages next to the inputs; the browser's validation bubbles would come first otherwise.
    this.form.noValidate = true;
  }

  /** The labels currently asked. */
  get labels(): readonly ConsentLabel[] {
    return this.currentLabels;
  }

  /** Listens for submits and loads the labels; {@link ready} settles after that first load. */
  start(): this {
    this.form.addEventListener("submit", this.onSubmit);
    this.ready = this.reload(false);
    return this;
  }

  /** Loads the labels again and re-renders the questions, keeping answers to unchanged label versions. */
  async reload(fresh = true): Promise<void> {
    this.loaded = false;
    this.updateButtons();
    this.consents.setAttribute("aria-busy", "true");
    const outcome = await this.options.load(fresh);
    this.consents.removeAttribute("aria-busy");
    if (!outcome.ok) {
      this.status.showLoadFailure(outcome.problem, () => void this.reload(true));
      this.options.onProblem?.(outcome.problem, outcome.response);
      return;
    }
    this.currentLabels = outcome.data;
    renderConsentQuestions(this.consents, outcome.data, this.idPrefix, this.text);
    this.loaded = true;
    this.updateButtons();
  }

  /** Stops taking submissions and says why (a promotion that is not open); the message is announced. */
  close(message: string): void {
    this.closed = true;
    this.status.show("closed", message, []);
    this.updateButtons();
  }

  /** Clears inputs, answers, errors and messages; the next send is a new attempt. */
  reset(): void {
    this.form.reset();
    this.errors.clear();
    this.status.clear();
    this.keys.settle();
  }

  /** Stops listening and clears any running `Retry-After` countdown. */
  destroy(): void {
    this.form.removeEventListener("submit", this.onSubmit);
    clearInterval(this.waitTimer);
  }

  /** Sends the form as the submit button does; ignored while a request is in flight, during `Retry-After`, or closed. */
  async submit(): Promise<void> {
    if (this.busy || !this.loaded || this.closed || Date.now() < this.waitUntil) {
      return;
    }
    // Disabled before anything else, so a double click or a repeated Enter cannot start a second request.
    this.setBusy(true);
    this.errors.clear();
    this.status.clear();
    const body = this.collect();
    const local = this.options.checkBeforeSending === false ? [] : this.check();
    if (local.length > 0) {
      this.setBusy(false);
      this.showFieldErrors(local, false);
      return;
    }

    const idempotencyKey = this.keys.keyFor(JSON.stringify(body));
    this.lastSent = body;
    let outcome: ApiOutcome<T>;
    try {
      outcome = await this.options.send(body, idempotencyKey);
    } finally {
      this.setBusy(false);
    }
    await this.handle(outcome, body, idempotencyKey);
  }

  private collect(): SubmissionBody {
    const values = collectValues(this.form);
    const completed = this.options.complete?.(values) ?? values;
    return { ...completed, consents: answersOf(this.consents, this.currentLabels) };
  }

  /** What the API would refuse for sure: required inputs left empty, labels unanswered, required labels declined. */
  private check(): FieldError[] {
    const errors = missingRequired(this.form, this.text.codes[ErrorCodes.required] ?? "");
    for (const label of this.currentLabels) {
      const granted = readGranted(this.consents, label);
      const code = granted === undefined ? ErrorCodes.consentMissing
        : label.required && !granted ? ErrorCodes.consentRequired : undefined;
      if (code !== undefined) {
        errors.push({ path: consentPath(label.labelId), code, message: this.text.codes[code] ?? "" });
      }
    }
    return errors;
  }

  private async handle(outcome: ApiOutcome<T>, body: SubmissionBody, idempotencyKey: string): Promise<void> {
    if (outcome.ok) {
      this.keys.settle();
      const replayed = outcome.response.headers.get("Idempotent-Replayed") === "true";
      const labels = this.currentLabels;
      if (this.options.resetAfterStored !== false) {
        this.reset();
      }
      this.options.onStored?.(outcome.data, { replayed, idempotencyKey, labels, body, response: outcome.response });
      return;
    }

    const { problem, response } = outcome;
    if (response === undefined) {
      this.status.show("error", this.text.networkError, [], problem);
      this.status.focus();
    } else if (isRetryLater(response.status)) {
      this.startWaiting(retryAfterSeconds(response, this.options.retryFallbackSeconds ?? 5), problem);
    } else if (keepsAttemptOpen(response.status)) {
      this.status.show("error", this.text.serverError(response.status), [], problem);
      this.status.focus();
    } else {
      this.keys.settle();
      await this.showProblem(problem);
    }
    this.options.onProblem?.(problem, response);
  }

  private async showProblem(problem: Problem): Promise<void> {
    const errors = fieldErrors(problem);
    if (errors.length === 0) {
      this.status.show("error", [problem.title, problem.detail].filter(Boolean).join(" "), [], problem);
      this.status.focus();
      return;
    }
    // A retired version, or a consent error about a question this page does not show: the labels changed since the
    // page loaded them. Load them afresh (the person must read the new text), then show the errors on the new questions.
    const stale = asksToReloadLabels(problem)
      || errors.some((error) => error.path.startsWith("consents[") && this.resolve(error.path) === undefined);
    if (stale) {
      await this.reload(true);
    }
    this.showFieldErrors(errors, stale, problem);
  }

  private showFieldErrors(errors: FieldError[], labelsChanged: boolean, problem?: Problem): void {
    const placed: Array<{ target: HTMLElement; error: FieldError }> = [];
    const unplaced: FieldError[] = [];
    for (const error of errors) {
      const target = this.resolve(error.path);
      if (target === undefined) {
        unplaced.push(error);
      } else {
        placed.push({ target, error });
      }
    }
    const shown = this.errors.show(placed);
    const items = [
      ...shown.map((entry) => ({ text: entry.messages.join(" "), target: entry.target })),
      ...unplaced.map((error) => ({ text: error.message || this.errors.messageFor(error), target: undefined })),
    ];
    const title = [labelsChanged ? this.text.labelsChanged : "", this.text.summaryTitle(items.length)].filter(Boolean).join(" ");
    this.status.show("invalid", title, items, problem ?? localProblem(title, 400, errors));
    focusable(shown[0]?.target)?.focus();
    if (shown.length === 0) {
      this.status.focus();
    }
  }

  /**
   * The control a JSON path names: an element with that `data-json-path`, else the control with that `name` (a radio
   * group: its fieldset). A path by position names what was sent there: `consents[2].labelId` the third answer's label,
   * `fields[1]` the second promotion field.
   */
  private resolve(path: string): HTMLElement | undefined {
    const direct = this.find(path);
    if (direct !== undefined) {
      return direct;
    }
    const answer = /^consents\[(\d+)\]/.exec(path);
    if (answer?.[1] !== undefined) {
      const sent = this.lastSent?.consents[Number(answer[1])];
      return sent === undefined ? undefined : this.find(consentPath(sent.labelId));
    }
    const field = /^fields\[(\d+)\]/.exec(path);
    const fields = this.lastSent?.["fields"];
    if (field?.[1] !== undefined && typeof fields === "object" && fields !== null) {
      const name = Object.keys(fields)[Number(field[1])];
      return name === undefined ? undefined : this.find(`fields.${name}`);
    }
    return undefined;
  }

  private find(path: string): HTMLElement | undefined {
    const escaped = CSS.escape(path);
    const tagged = this.form.querySelector<HTMLElement>(`[data-json-path="${escaped}"]`);
    if (tagged !== null) {
      return tagged;
    }
    const named = this.form.querySelector<HTMLElement>(`[name="${escaped}"]`);
    if (named instanceof HTMLInputElement && (named.type === "radio" || named.type === "checkbox")) {
      return named.closest("fieldset") ?? named;
    }
    return named ?? undefined;
  }

  private startWaiting(seconds: number, problem: Problem): void {
    this.waitUntil = Date.now() + seconds * 1000;
    this.status.show("retry", this.text.retryAt(seconds, new Date(this.waitUntil)), [], problem);
    this.status.focus();
    this.updateButtons();
    clearInterval(this.waitTimer);
    const tick = () => {
      const remaining = Math.ceil((this.waitUntil - Date.now()) / 1000);
      if (remaining > 0) {
        this.status.countdown(this.text.retryCountdown(remaining));
        return;
      }
      clearInterval(this.waitTimer);
      this.waitUntil = 0;
      this.status.countdown("");
      this.status.show("ready", this.text.retryNow, []);
      this.updateButtons();
    };
    tick();
    this.waitTimer = setInterval(tick, 1000);
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    if (busy) {
      this.form.setAttribute("aria-busy", "true");
    } else {
      this.form.removeAttribute("aria-busy");
    }
    this.updateButtons();
  }

  private updateButtons(): void {
    const disabled = this.busy || !this.loaded || this.closed || this.waitUntil > 0;
    for (const button of this.form.querySelectorAll<HTMLButtonElement | HTMLInputElement>(
      "button[type=submit], button:not([type]), input[type=submit]")) {
      button.disabled = disabled;
      if (button instanceof HTMLButtonElement) {
        button.dataset["label"] ??= button.textContent ?? "";
        button.textContent = this.busy ? this.text.sending : button.dataset["label"];
      }
    }
  }
}

function required<E>(element: E | null, selector: string): E {
  if (element === null) {
    throw new Error(`The form has no ${selector} element for the consent questions.`);
  }
  return element;
}

/** The element to focus for an error target: a fieldset's first control, else the target itself. */
function focusable(target: HTMLElement | undefined): HTMLElement | undefined {
  return target instanceof HTMLFieldSetElement
    ? target.querySelector<HTMLElement>("input, select, textarea") ?? target
    : target;
}
