// The opt-out link of an offer email can lead here (`opt-out.html?token=…`). Opening the page changes nothing (mail
// scanners open every link); the button posts the token to the API's one-click opt-out, which is safe to repeat.
import { optOut, optOutTokenFromLocation, retryAfterSeconds } from "../kit/submissions-kit.js";
import { apiBase, byId, client } from "./site.js";

const token = optOutTokenFromLocation();
// The token acts for its recipient: keep it in memory only, out of the address bar and the browser's history.
if (token !== undefined) {
  history.replaceState(null, "", location.pathname);
}
const status = byId("opt-out-status");
const button = byId("opt-out-submit");

if (token === undefined) {
  byId("opt-out-missing").hidden = false;
} else {
  byId("opt-out-confirm").hidden = false;
  byId("opt-out-api-link").href = `${apiBase}/opt-out?token=${encodeURIComponent(token)}`;
  byId("opt-out-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void confirm(token);
  });
}

async function confirm(value) {
  if (button.disabled) {
    return;
  }
  button.disabled = true;
  say("", "");
  const outcome = await optOut(client, value);
  if (outcome.ok) {
    showResult(outcome.data);
    return;
  }
  const answer = outcome.response;
  if (answer === undefined) {
    say("error", "Our service could not be reached. Please try again: repeating it does no harm.");
  } else if (answer.status === 400) {
    say("error", "This opt-out link is not valid. Open the link from the email again; if it still fails, contact us.");
    return;
  } else if (answer.status === 429 || answer.status === 503) {
    wait(retryAfterSeconds(answer, 5));
    return;
  } else {
    say("error", `Something went wrong on our side (HTTP ${answer.status}). Please try again.`);
  }
  button.disabled = false;
}

function showResult(result) {
  byId("opt-out-confirm").hidden = true;
  const what = result.scope === "special-offers"
    ? "You will no longer receive special offers from us by email."
    : `Your details will no longer be shared with our partner ${result.scope.replace(/^partner:/, "")}, and they are told if they received them.`;
  byId("opt-out-result-text").textContent = result.withdrawn.length === 0 ? `${what} (There was nothing left to stop.)` : what;
  if (result.receiptId !== undefined) {
    byId("opt-out-receipt-id").textContent = result.receiptId;
  }
  const section = byId("opt-out-result");
  section.hidden = false;
  section.tabIndex = -1;
  section.focus();
}

function wait(seconds) {
  const until = Date.now() + seconds * 1000;
  say("retry", `Our service is busy. You can try again in ${seconds} seconds, at ${new Date(until).toLocaleTimeString()}.`);
  const countdown = byId("opt-out-retry");
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

function say(state, message) {
  status.textContent = message;
  if (state === "") {
    delete status.dataset.state;
  } else {
    status.dataset.state = state;
    if (state !== "ready") {
      status.focus();
    }
  }
}
