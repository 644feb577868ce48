// Comments of one page: the approved ones (public fields only, newest first, paged) and a form to add one.
import { mountCommentForm, outcomeOf, renderReceipt } from "../kit/submissions-kit.js";
import { byId, client, idFromQuery } from "./site.js";

const pageId = idFromQuery("page", "demo-article");
byId("comments-page-id").textContent = pageId;

const list = byId("comments-list");
const more = byId("comments-more");
const status = byId("comments-status");
let continuationToken;

/**
 * One page of approved comments; `next` appends the following page, otherwise the list starts again. `fresh` (the
 * Refresh button) skips the browser's copy: the API lets browsers keep a listing for 30 s.
 */
async function loadComments(next, fresh = false) {
  const query = next && continuationToken !== undefined ? { pageSize: 10, continuationToken } : { pageSize: 10 };
  const outcome = await outcomeOf(client.GET("/pages/{pageId}/comments", {
    params: { path: { pageId }, query },
    ...(fresh ? { cache: "no-cache" } : {}),
  }));
  if (!outcome.ok) {
    status.textContent = `The comments could not be loaded (${outcome.problem.title}).`;
    return;
  }
  status.textContent = "";
  if (!next) {
    list.replaceChildren();
  }
  list.append(...outcome.data.comments.map(commentItem));
  continuationToken = outcome.data.continuationToken;
  more.hidden = continuationToken === undefined;
  byId("comments-empty").hidden = list.children.length > 0;
}

function commentItem(comment) {
  const item = document.createElement("li");
  item.id = `comment-${comment.id}`;
  const meta = document.createElement("p");
  meta.className = "comment-meta";
  const name = document.createElement("strong");
  // The name is present only where its author agreed to show it.
  name.textContent = comment.displayName ?? "Anonymous";
  const time = document.createElement("time");
  time.dateTime = comment.createdAt;
  time.textContent = new Date(comment.createdAt).toLocaleString();
  meta.append(name, " · ", time);
  const text = document.createElement("p");
  text.className = "comment-text";
  text.textContent = comment.text;
  item.append(meta, text);
  return item;
}

more.addEventListener("click", () => void loadComments(true));
byId("comments-refresh").addEventListener("click", () => void loadComments(false, true));
void loadComments(false);

mountCommentForm(client, byId("comment-form"), {
  pageId,
  onStored: (comment, details) => {
    renderReceipt(byId("comment-receipt"), {
      receipt: comment.receipt,
      labels: details.labels,
      idPrefix: "comment",
      heading: "Thank you: your comment is waiting for a moderator",
      details: [["Comment", comment.id], ["Status", comment.status]],
      replayed: details.replayed,
    });
  },
});
