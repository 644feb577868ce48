import { ConsentInputPrefix } from "./consent-questions.js";
import { ErrorCodes, type FieldError } from "./problems.js";

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * The form's values as a JSON body: each named control's `name` is its JSON path (`email`, `profile.country`,
 * `fields.answer`), so the API's error paths point straight back at the inputs. Empty values are left out (an
 * optional field left empty is absent, not ""), as are disabled controls and the consent radios.
 */
export function collectValues(form: HTMLFormElement): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const control of namedControls(form)) {
    if (isUnchecked(control) || control.value === "") {
      continue;
    }
    setPath(body, control.name.split("."), control.value);
  }
  return body;
}

/** Required controls left empty (a required radio group: none chosen), as `required` errors keyed by their name. */
export function missingRequired(form: HTMLFormElement, message: string): FieldError[] {
  const missing = new Map<string, FieldError>();
  for (const control of namedControls(form)) {
    if (!control.required || missing.has(control.name)) {
      continue;
    }
    const empty = control instanceof HTMLInputElement && control.type === "radio"
      ? form.querySelector(`input[type=radio][name="${CSS.escape(control.name)}"]:checked`) === null
      : control.value.trim() === "";
    if (empty) {
      missing.set(control.name, { path: control.name, code: ErrorCodes.required, message });
    }
  }
  return [...missing.values()];
}

function namedControls(form: HTMLFormElement): Control[] {
  return Array.from(form.elements).filter((element): element is Control =>
    (element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement)
    && element.name !== ""
    && !element.disabled
    && !element.name.startsWith(ConsentInputPrefix)
    && !["submit", "button", "reset", "image", "file"].includes(element.type));
}

function isUnchecked(control: Control): boolean {
  return control instanceof HTMLInputElement && (control.type === "radio" || control.type === "checkbox") && !control.checked;
}

function setPath(target: Record<string, unknown>, path: string[], value: string): void {
  const [head, ...rest] = path;
  // A page's own names only, but never let one reach an object's prototype.
  if (head === undefined || head === "" || head === "__proto__" || head === "constructor" || head === "prototype") {
    return;
  }
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const child = target[head];
  const nested = typeof child === "object" && child !== null ? child as Record<string, unknown> : {};
  target[head] = nested;
  setPath(nested, rest, value);
}
