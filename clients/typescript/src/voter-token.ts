/**
 * The poll's voter token: an opaque random value in a first-party cookie, so one browser votes once per poll without
 * the site knowing who it is (pattern `^[A-Za-z0-9_-]{16,128}$`). The API stores only a keyed hash of it.
 */
export function voterToken(cookieName = "voter_token", maxAgeDays = 365): string {
  const existing = document.cookie.split("; ")
    .find((pair) => pair.startsWith(`${cookieName}=`))
    ?.slice(cookieName.length + 1);
  if (existing !== undefined && /^[A-Za-z0-9_-]{16,128}$/.test(existing)) {
    return existing;
  }

  const bytes = crypto.getRandomValues(new Uint8Array(24));
  const token = btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
  const secure = location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${cookieName}=${token}; Max-Age=${maxAgeDays * 86400}; Path=/; SameSite=Lax${secure}`;
  return token;
}
