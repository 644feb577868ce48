// A promotion entry, with nothing hard-coded: GET /promotions/{id} gives the title, window, fields and labels.
import { mountPromotionEntryForm, renderReceipt } from "../kit/submissions-kit.js";
import { awaitsConfirmation, byId, client, idFromQuery, showAwaitingConfirmation } from "./site.js";

const promotionId = idFromQuery("promotion", "demo-promotion");
byId("promotion-id").textContent = promotionId;

let promotionShown = false;
const form = mountPromotionEntryForm(client, byId("promotion-form"), {
  promotionId,
  // The site knows what its promotions' fields mean; a field without a label here is named after itself.
  fieldLabels: { answer: "Your answer to the promotion question" },
  onPromotion: (promotion) => {
    promotionShown = true;
    byId("promotion-title").textContent = promotion.title;
    document.title = `${promotion.title} — Example site`;
    const from = new Date(promotion.startsAt).toLocaleString();
    const until = new Date(promotion.endsAt).toLocaleString();
    byId("promotion-window").textContent = `Open from ${from} until ${until}.`;
  },
  onStored: (entry, details) => {
    // Double opt-in: the entry counts, and anything is shared with the partner, only once its owner confirms it.
    const awaiting = awaitsConfirmation(entry);
    const container = byId("promotion-receipt");
    renderReceipt(container, {
      receipt: entry.receipt,
      labels: details.labels,
      idPrefix: "promotion",
      heading: awaiting ? "Almost done: confirm your entry" : "Thank you: you have entered",
      details: [["Entry", entry.id]],
      replayed: details.replayed,
    });
    if (awaiting) {
      showAwaitingConfirmation(container, {
        idPrefix: "promotion",
        what: "your entry",
        email: details.body.email,
        consequence: "Until then your entry does not count and nothing is shared with our partner.",
      });
    }
  },
});

void form.ready.then(() => {
  if (!promotionShown) {
    byId("promotion-window").textContent = "This promotion could not be loaded.";
  }
});
