// A poll: its question and options come from the results read, the vote goes through the kit, and the results show
// what the API publishes (nothing until the first step of votes, then only in steps, so no single vote shows).
import { mountPollVoteForm, outcomeOf, renderReceipt } from "../kit/submissions-kit.js";
import { byId, client, idFromQuery } from "./site.js";

const pollId = idFromQuery("poll", "demo-poll");
byId("poll-id").textContent = pollId;

const form = mountPollVoteForm(client, byId("poll-form"), {
  pollId,
  onStored: (vote, details) => {
    renderReceipt(byId("poll-receipt"), {
      receipt: vote.receipt,
      labels: details.labels,
      idPrefix: "poll",
      heading: "Thank you: your vote is counted",
      details: [["Vote", vote.id], ["Option", optionText.get(vote.optionId) ?? vote.optionId]],
      replayed: details.replayed,
    });
    void loadResults();
  },
});

const optionText = new Map();

async function loadResults(fresh = false) {
  // `fresh` (the Refresh button) skips the browser's copy, which the API lets it keep for a short while.
  const outcome = await outcomeOf(client.GET("/polls/{pollId}/results", { params: { path: { pollId } }, ...(fresh ? { cache: "no-cache" } : {}) }));
  const status = byId("poll-results-status");
  if (!outcome.ok) {
    status.textContent = `The poll could not be loaded (${outcome.problem.title}).`;
    byId("poll-question").textContent = "This poll is not available.";
    return;
  }
  status.textContent = "";
  const results = outcome.data;
  byId("poll-question").textContent = results.question;
  renderOptions(results.options);
  renderResults(results);
  if (results.status === "closed") {
    form.close("This poll is closed: votes are no longer taken.");
  }
}

/** The options as radios named `optionId` (the JSON path of the vote's choice), rendered once. */
function renderOptions(options) {
  const container = byId("poll-option-list");
  if (container.children.length > 0) {
    return;
  }
  container.append(...options.map((option) => {
    optionText.set(option.optionId, option.text);
    const wrapper = document.createElement("div");
    wrapper.className = "poll-option";
    const input = document.createElement("input");
    input.type = "radio";
    input.name = "optionId";
    input.value = option.optionId;
    input.id = `poll-option-${option.optionId}`;
    input.required = true;
    const label = document.createElement("label");
    label.htmlFor = input.id;
    label.textContent = option.text;
    wrapper.append(input, label);
    return wrapper;
  }));
}

function renderResults(results) {
  const note = byId("poll-results-note");
  const table = byId("poll-results-table");
  if (results.totalVotes === undefined) {
    note.textContent = `Results are published once ${results.resultsStep} votes are in, and then in steps of `
      + `${results.resultsStep} votes, so that no single vote can be told apart.`;
    table.hidden = true;
    return;
  }
  const published = results.publishedAt === undefined ? "" : ` as of ${new Date(results.publishedAt).toLocaleString()}`;
  note.textContent = `${results.totalVotes} votes${published}; results move in steps of ${results.resultsStep} votes.`;
  byId("poll-results-body").replaceChildren(...results.options.map((option) => {
    const row = document.createElement("tr");
    row.dataset.optionId = option.optionId;
    const name = document.createElement("td");
    name.textContent = option.text;
    const votes = document.createElement("td");
    votes.className = "number";
    votes.textContent = String(option.votes ?? 0);
    row.append(name, votes);
    return row;
  }));
  table.hidden = false;
}

byId("poll-results-refresh").addEventListener("click", () => void loadResults(true));
void loadResults();
