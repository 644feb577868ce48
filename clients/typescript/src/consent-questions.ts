import type { ConsentAnswer, ConsentLabel } from "./client.js";
import type { KitText } from "./text.js";

/** The JSON path the API names a label's answer by, e.g. `consents[terms]`. */
export function consentPath(labelId: string): string {
  return `consents[${labelId}]`;
}

/** The id of a label's fieldset: `{prefix}-consent-{labelId}`; its radios add `-yes` / `-no`, its error `-error`. */
export function consentQuestionId(idPrefix: string, labelId: string): string {
  return `${idPrefix}-consent-${labelId}`;
}

/** The radio group name of a label's answer; form value collection skips these names. */
export const ConsentInputPrefix = "consent:";

/**
 * Renders one fieldset per label: the label's exact text as the legend (as text, never parsed as HTML) and two radios,
 * yes and no, neither selected. Answers already given to the same label id and version survive a re-render; a new
 * version (changed text) must be answered afresh.
 */
export function renderConsentQuestions(
  container: HTMLElement, labels: readonly ConsentLabel[], idPrefix: string, text: KitText,
): void {
  const previous = new Map(labels.map((label) => [label.labelId, readGranted(container, label)] as const));
  container.replaceChildren(...labels.map((label) => question(label, idPrefix, text, previous.get(label.labelId))));
}

/** The person's answer to a label as rendered: true, false, or undefined while unanswered. */
export function readGranted(container: HTMLElement, label: ConsentLabel): boolean | undefined {
  const checked = container.querySelector<HTMLInputElement>(
    `fieldset[data-label-id="${CSS.escape(label.labelId)}"][data-label-version="${label.version}"] input[type=radio]:checked`);
  return checked === null ? undefined : checked.value === "yes";
}

/** The answers to send: one per label that has one, by id and the version shown. */
export function answersOf(container: HTMLElement, labels: readonly ConsentLabel[]): ConsentAnswer[] {
  return labels.flatMap((label) => {
    const granted = readGranted(container, label);
    return granted === undefined ? [] : [{ labelId: label.labelId, version: label.version, granted }];
  });
}

function question(label: ConsentLabel, idPrefix: string, text: KitText, previous: boolean | undefined): HTMLFieldSetElement {
  const fieldset = document.createElement("fieldset");
  fieldset.id = consentQuestionId(idPrefix, label.labelId);
  fieldset.className = "consent-question";
  fieldset.dataset["jsonPath"] = consentPath(label.labelId);
  fieldset.dataset["labelId"] = label.labelId;
  fieldset.dataset["labelVersion"] = String(label.version);
  fieldset.dataset["purpose"] = label.purpose;
  fieldset.dataset["required"] = String(label.required);

  const legend = document.createElement("legend");
  const wording = document.createElement("span");
  wording.className = "consent-text";
  wording.textContent = label.text;
  legend.append(wording);
  if (label.required) {
    const mark = document.createElement("span");
    mark.className = "consent-required";
    mark.textContent = ` ${text.requiredMark}`;
    legend.append(mark);
  }

  const choices = document.createElement("div");
  choices.className = "consent-choices";
  choices.append(choice(fieldset.id, label.labelId, true, text.yes, previous), choice(fieldset.id, label.labelId, false, text.no, previous));
  fieldset.append(legend, choices);
  return fieldset;
}

function choice(questionId: string, labelId: string, granted: boolean, caption: string, previous: boolean | undefined): HTMLElement {
  const wrapper = document.createElement("div");
  wrapper.className = "consent-choice";
  const input = document.createElement("input");
  input.type = "radio";
  input.id = `${questionId}-${granted ? "yes" : "no"}`;
  input.name = `${ConsentInputPrefix}${labelId}`;
  input.value = granted ? "yes" : "no";
  // Every label needs an explicit answer (the form checks it before sending); nothing is selected by default.
  input.required = true;
  input.checked = previous === granted;
  const label = document.createElement("label");
  label.htmlFor = input.id;
  label.textContent = caption;
  wrapper.append(input, label);
  return wrapper;
}
