import type { Problem } from "./problems.js";
import type { KitText } from "./text.js";

/** What the form-level message is about; set as `data-state` on the status element for styling and tests. */
export type StatusState = "invalid" | "error" | "retry" | "ready" | "closed" | "load-failed";

/** One line of an error summary: its text and, when the error sits next to a control, a link to that control. */
export interface StatusItem {
  text: string;
  target: HTMLElement | undefined;
}

/**
 * The form's message area `{prefix}-status`: an assertive live region (`role="alert"`), so a problem is announced when
 * it appears, and focusable (`tabindex="-1"`) so focus can be moved to it. `data-state`, `data-status` (the HTTP
 * status, 0 without an answer) and `data-problem-type` describe the last problem. A `Retry-After` countdown goes in a
 * separate, quiet element `{prefix}-retry`, so a ticking number is not read out every second.
 */
export class FormStatus {
  private readonly element: HTMLElement;
  private readonly countdownElement: HTMLElement;

  constructor(element: HTMLElement | undefined, form: HTMLFormElement, idPrefix: string, private readonly text: KitText) {
    this.element = element ?? created(form, "div", `${idPrefix}-status`, "form-status", "prepend");
    this.element.setAttribute("role", "alert");
    this.element.tabIndex = -1;
    this.countdownElement = form.querySelector<HTMLElement>("[data-retry-countdown]")
      ?? created(form, "p", `${idPrefix}-retry`, "retry-countdown", "append");
    this.countdownElement.setAttribute("aria-live", "off");
    this.clear();
  }

  show(state: StatusState, title: string, items: StatusItem[], problem?: Problem): void {
    const heading = document.createElement("p");
    heading.className = "form-status-title";
    heading.textContent = title;
    const children: HTMLElement[] = [heading];
    if (items.length > 0) {
      const list = document.createElement("ul");
      list.append(...items.map(item));
      children.push(list);
    }
    this.element.replaceChildren(...children);
    this.element.dataset["state"] = state;
    this.describe(problem);
  }

  /** The labels could not be loaded: says so, with a button that tries again. */
  showLoadFailure(problem: Problem, retry: () => void): void {
    this.show("load-failed", [this.text.loadFailed, problem.title].filter(Boolean).join(" "), [], problem);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "secondary";
    button.textContent = this.text.tryLoadingAgain;
    button.addEventListener("click", retry, { once: true });
    this.element.append(button);
  }

  countdown(message: string): void {
    this.countdownElement.textContent = message;
    this.countdownElement.hidden = message === "";
  }

  focus(): void {
    this.element.focus();
  }

  clear(): void {
    // Emptied, never hidden: a live region must stay in the accessibility tree for its next message to be announced.
    this.element.replaceChildren();
    delete this.element.dataset["state"];
    this.describe(undefined);
  }

  private describe(problem: Problem | undefined): void {
    if (problem === undefined) {
      delete this.element.dataset["status"];
      delete this.element.dataset["problemType"];
      return;
    }
    this.element.dataset["status"] = String(problem.status);
    this.element.dataset["problemType"] = problem.type;
  }
}

function item(entry: StatusItem): HTMLLIElement {
  const line = document.createElement("li");
  if (entry.target === undefined) {
    line.textContent = entry.text;
    return line;
  }
  const target = entry.target;
  const link = document.createElement("a");
  link.href = `#${target.id}`;
  link.textContent = entry.text;
  link.addEventListener("click", (event) => {
    event.preventDefault();
    const control = target instanceof HTMLFieldSetElement ? target.querySelector<HTMLElement>("input, select, textarea") : target;
    (control ?? target).focus();
  });
  line.append(link);
  return line;
}

function created(form: HTMLFormElement, tag: string, id: string, className: string, where: "prepend" | "append"): HTMLElement {
  const element = document.getElementById(id) ?? document.createElement(tag);
  element.id = id;
  element.classList.add(className);
  if (!element.isConnected) {
    form[where](element);
  }
  return element;
}
