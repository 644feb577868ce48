// "My data": ask for a copy of one's data, or its erasure. POST /privacy-requests {email, kind} always answers the same
// 202 whether the address is known or not (no oracle), so the page always says the same thing after it; the link in
// the mail the API sends is what proves the mailbox, and nothing happens until it is opened and confirmed.
import { retryAfterSeconds } from "../kit/submissions-kit.js";
import { apiBase, byId } from "./site.js";

const form = byId("my-data-form");
const email = byId("my-data-email");
const emailError = byId("my-data-email-error");
const kindGroup = byId("my-data-kind");
const kindError = byId("my-data-kind-error");
const status = byId("my-data-status");
const button = byId("my-data-submit");

form.addEventListener("submit", (event) => {
  event.preventDefault();
  void send();
});

async function send() {
  if (button.disabled) {
    return;
  }
  say("", "");
  const kind = form.querySelector("input[name=kind]:checked")?.value;
  const address = email.value.trim();
  if (!check(address, kind)) {
    return;
  }
  button.disabled = true;
  let response;
  try {
    // The request is anonymous: no cookies. The same key on a retry after a network failure repeats the first answer.
    response = await fetch(`${apiBase}/privacy-requests`, {
      method: "POST",
      credentials: "omit",
      headers: { "Content-Type": "application/json", Accept: "application/json", "Idempotency-Key": idempotencyKey(address, kind) },
      body: JSON.stringify({ email: address, kind }),
    });
  } catch {
    button.disabled = false;
    say("error", "Our service could not be reached. Please try again: repeating the request does no harm.");
    return;
  }
  if (response.status === 202) {
    showSent();
  } else if (response.status === 400) {
    button.disabled = false;
    const problem = await response.json().catch(() => undefined);
    if (problem?.errors?.kind !== undefined) {
      fieldError(kindGroup, kindError, "Choose what you would like us to do.");
    } else {
      fieldError(email, emailError, "Enter your email address, like name@example.com.");
    }
    say("invalid", "Please check the email address.");
  } else if (response.status === 429 || response.status === 503) {
    wait(retryAfterSeconds(response, 5));
  } else {
    button.disabled = false;
    say("error", `Something went wrong on our side (HTTP ${response.status}). Please try again.`);
  }
}

let attempt;
/** One key per request the person means: a retry of the same address and kind repeats it, a new one gets a new key. */
function idempotencyKey(address, kind) {
  if (attempt === undefined || attempt.address !== address || attempt.kind !== kind) {
    attempt = { address, kind, key: crypto.randomUUID() };
  }
  return attempt.key;
}

function check(address, kind) {
  clearError(email, emailError);
  clearError(kindGroup, kindError);
  let first;
  // The browser's own check of type=email; the API checks again.
  if (address === "" || !email.checkValidity()) {
    fieldError(email, emailError, address === "" ? "Enter your email address." : "Enter your email address, like name@example.com.");
    first = email;
  }
  if (kind === undefined) {
    fieldError(kindGroup, kindError, "Choose what you would like us to do.");
    first ??= byId("my-data-kind-access");
  }
  if (first === undefined) {
    return true;
  }
  say("invalid", "Please correct the highlighted fields.", false);
  first.focus();
  return false;
}

function showSent() {
  form.hidden = true;
  const section = byId("my-data-result");
  section.hidden = false;
  section.tabIndex = -1;
  section.focus();
}

function fieldError(control, error, message) {
  error.textContent = message;
  error.hidden = false;
  if (control instanceof HTMLFieldSetElement) {
    control.classList.add("has-error");
  } else {
    control.setAttribute("aria-invalid", "true");
    control.setAttribute("aria-describedby", `${control.id}-hint ${error.id}`);
  }
}

function clearError(control, error) {
  error.textContent = "";
  error.hidden = true;
  if (control instanceof HTMLFieldSetElement) {
    control.classList.remove("has-error");
  } else {
    control.removeAttribute("aria-invalid");
    control.setAttribute("aria-describedby", `${control.id}-hint`);
  }
}

function wait(seconds) {
  const until = Date.now() + seconds * 1000;
  say("retry", `Our service is busy. You can try again in ${seconds} seconds, at ${new Date(until).toLocaleTimeString()}.`);
  const countdown = byId("my-data-retry");
  const timer = setInterval(() => {
    const remaining = Math.ceil((until - Date.now()) / 1000);
    countdown.hidden = remaining <= 0;
    countdown.textContent = `You can try again in ${remaining} s.`;
    if (remaining <= 0) {
      clearInterval(timer);
      button.disabled = false;
      say("ready", "You can try again now.");
    }
  }, 1000);
}

function say(state, message, focus = true) {
  status.textContent = message;
  if (state === "") {
    delete status.dataset.state;
  } else {
    status.dataset.state = state;
    if (focus && state !== "ready") {
      status.focus();
    }
  }
}
