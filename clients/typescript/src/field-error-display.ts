import type { FieldError } from "./problems.js";
import type { KitText } from "./text.js";

/** A field error placed next to its control, with the text the person sees. */
export interface PlacedError {
  target: HTMLElement;
  errorId: string;
  messages: string[];
}

/**
 * Shows field errors next to their controls: an error element `{controlId}-error` (the site's own, if the page has
 * one, otherwise created after the control, or after a fieldset's legend), `aria-invalid` on the control(s) and the
 * error element in their `aria-describedby`. Remembers what it changed, so {@link clear} restores the page exactly.
 */
export class FieldErrorDisplay {
  private readonly undo: Array<() => void> = [];

  constructor(private readonly text: KitText) {}

  /** Places the errors of each target; returns what was placed, in the order of the targets. */
  show(errors: ReadonlyArray<{ target: HTMLElement; error: FieldError }>): PlacedError[] {
    const byTarget = new Map<HTMLElement, FieldError[]>();
    for (const { target, error } of errors) {
      byTarget.set(target, [...byTarget.get(target) ?? [], error]);
    }

    return [...byTarget].map(([target, targetErrors]) => this.place(target, targetErrors));
  }

  /** The text shown for an error: the site's wording for its code, else the API's message. */
  messageFor(error: FieldError): string {
    return this.text.codes[error.code] ?? (error.message || error.code);
  }

  clear(): void {
    for (const step of this.undo.splice(0).reverse()) {
      step();
    }
  }

  private place(target: HTMLElement, errors: FieldError[]): PlacedError {
    if (target.id === "") {
      target.id = `kit-field-${Math.random().toString(36).slice(2, 10)}`;
    }

    const errorId = `${target.id}-error`;
    const messages = errors.map((error) => this.messageFor(error));
    const element = this.errorElement(target, errorId);
    const prefix = document.createElement("span");
    prefix.className = "visually-hidden";
    prefix.textContent = `${this.text.errorPrefix} `;
    element.replaceChildren(prefix, messages.join(" "));
    element.dataset["codes"] = errors.map((error) => error.code).join(" ");
    element.dataset["path"] = [...new Set(errors.map((error) => error.path))].join(" ");
    element.hidden = false;

    this.mark(target, errorId, target instanceof HTMLFieldSetElement);
    if (target instanceof HTMLFieldSetElement) {
      for (const control of target.querySelectorAll<HTMLElement>("input, select, textarea")) {
        this.mark(control, errorId, false);
      }
    }
    return { target, errorId, messages };
  }

  private errorElement(target: HTMLElement, errorId: string): HTMLElement {
    const existing = document.getElementById(errorId);
    if (existing !== null) {
      const { hidden } = existing;
      this.undo.push(() => {
        existing.replaceChildren();
        existing.hidden = hidden;
        delete existing.dataset["codes"];
        delete existing.dataset["path"];
      });
      return existing;
    }

    const created = document.createElement("p");
    created.id = errorId;
    created.className = "field-error";
    const legend = target instanceof HTMLFieldSetElement ? target.querySelector(":scope > legend") : null;
    if (legend !== null) {
      legend.after(created);
    } else {
      target.after(created);
    }
    this.undo.push(() => created.remove());
    return created;
  }

  /** Describes the element by the error; a fieldset (a group) is described, its controls are also marked invalid. */
  private mark(element: HTMLElement, errorId: string, groupOnly: boolean): void {
    const describedBy = element.getAttribute("aria-describedby");
    const invalid = element.getAttribute("aria-invalid");
    element.setAttribute("aria-describedby", [describedBy, errorId].filter(Boolean).join(" "));
    if (!groupOnly) {
      element.setAttribute("aria-invalid", "true");
    }
    element.classList.add("has-error");
    this.undo.push(() => {
      restore(element, "aria-describedby", describedBy);
      restore(element, "aria-invalid", invalid);
      element.classList.remove("has-error");
    });
  }
}

function restore(element: HTMLElement, name: string, value: string | null): void {
  if (value === null) {
    element.removeAttribute(name);
  } else {
    element.setAttribute(name, value);
  }
}
