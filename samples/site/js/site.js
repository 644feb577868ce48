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
