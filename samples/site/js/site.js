// What every page shares: the API client (its base URL comes from /config.js, which serve.mjs writes from --api)
// and reading ids from the page's address.
import { apiBase } from "../config.js";
import { createSubmissionsClient } from "../kit/submissions-kit.js";

export { apiBase };
export const client = createSubmissionsClient({ baseUrl: apiBase });

/** A query parameter that looks like an id (`?poll=demo-poll`), or the fallback. */
export function idFromQuery(name, fallback) {
  const value = new URLSearchParams(location.search).get(name);
  return value !== null && /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(value) ? value : fallback;
}

/** The element with this id; a page that lacks it is a bug in the page. */
export function byId(id) {
  const element = document.getElementById(id);
  if (element === null) {
    throw new Error(`The page has no element #${id}.`);
  }
  return element;
}

/**
 * After a registration or promotion entry: the API stored it unconfirmed (`status: "awaiting-confirmation"`) and
 * mailed a confirm link to the address given. The receipt's heading and a note say so, right where focus lands, so
 * nobody believes they are registered (or entered) before they confirm. `what` names the submission ("your
 * registration"); `email` is the address the person typed.
 */
export function showAwaitingConfirmation(container, { idPrefix, what, email, consequence }) {
  const note = document.createElement("p");
  note.id = `${idPrefix}-confirmation-note`;
  note.className = "notice confirmation-note";
  const strong = document.createElement("strong");
  strong.textContent = "Check your email:";
  const address = typeof email === "string" && email !== "" ? ` to ${email}` : "";
  note.append(strong, ` we sent a link to confirm ${what}${address}; nothing you agreed to applies until you confirm.`);
  if (consequence !== undefined) {
    note.append(` ${consequence}`);
  }
  const later = document.createElement("p");
  later.className = "hint";
  later.textContent = "The link works for a few days. If you do not confirm, we delete this submission. Not in your inbox? Look in your spam folder.";
  const title = container.querySelector(`#${idPrefix}-receipt-title`);
  (title ?? container.firstChild)?.after(note, later);
}

/** Whether the API's 201 says the submission waits for its owner's confirmation (double opt-in). */
export function awaitsConfirmation(result) {
  return result?.status === "awaiting-confirmation";
}
