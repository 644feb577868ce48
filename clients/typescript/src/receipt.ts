import type { ConsentLabel, ConsentReceipt } from "./client.js";

export interface ReceiptOptions {
  receipt: ConsentReceipt;
  /** The labels the person answered, to show each answer with the text it answered. */
  labels: readonly ConsentLabel[];
  /** Ids of the receipt's parts: `{idPrefix}-receipt-id`, `{idPrefix}-receipt-answers`. */
  idPrefix: string;
  heading: string;
  /** Extra lines before the answers, e.g. the submission's id or status. */
  details?: ReadonlyArray<readonly [term: string, value: string]>;
  /** The API answered with the stored first result (`Idempotent-Replayed: true`). */
  replayed?: boolean;
  replayedNote?: string;
  yes?: string;
  no?: string;
}

/**
 * Shows a consent receipt — its id, when it was recorded and every answer with the label's text — in the container
 * (as text only), reveals the container and moves focus to it so the confirmation is read out.
 */
export function renderReceipt(container: HTMLElement, options: ReceiptOptions): void {
  const { receipt, labels, idPrefix } = options;
  const title = element("h2", options.heading);
  title.id = `${idPrefix}-receipt-title`;
  const facts = document.createElement("dl");
  const receiptId = element("code", receipt.id);
  const lines: Array<readonly [string, Node]> = [
    ["Receipt", receiptId],
    ["Recorded", document.createTextNode(new Date(receipt.recordedAt).toLocaleString())],
    ...(options.details ?? []).map(([term, value]) => [term, document.createTextNode(value)] as const),
  ];
  for (const [term, value] of lines) {
    const definition = document.createElement("dd");
    definition.append(value);
    facts.append(element("dt", term), definition);
  }
  facts.querySelector("dd")?.setAttribute("id", `${idPrefix}-receipt-id`);

  const answers = document.createElement("ul");
  answers.id = `${idPrefix}-receipt-answers`;
  answers.append(...receipt.consents.map((answer) => {
    const label = labels.find((candidate) => candidate.labelId === answer.labelId && candidate.version === answer.version);
    const line = document.createElement("li");
    line.dataset["labelId"] = answer.labelId;
    line.dataset["granted"] = String(answer.granted);
    line.append(element("strong", answer.granted ? options.yes ?? "Yes" : options.no ?? "No"), ` — ${label?.text ?? answer.labelId}`);
    return line;
  }));

  const parts: Node[] = [title];
  if (options.replayed === true) {
    parts.push(element("p", options.replayedNote ?? "We had already received this submission; this is its original receipt."));
  }
  parts.push(facts, element("h3", "Your answers"), answers);
  container.replaceChildren(...parts);
  container.hidden = false;
  container.tabIndex = -1;
  container.focus();
}

function element(tag: string, text: string): HTMLElement {
  const created = document.createElement(tag);
  created.textContent = text;
  return created;
}
