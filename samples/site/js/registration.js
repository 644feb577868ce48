// Registration: the kit loads the registration labels, asks each as a yes/no question and posts the form.
import { mountRegistrationForm, renderReceipt } from "../kit/submissions-kit.js";
import { awaitsConfirmation, byId, client, showAwaitingConfirmation } from "./site.js";

mountRegistrationForm(client, byId("registration-form"), {
  // The API wants an upper-case ISO 3166 code; people type "gb" as often as "GB".
  complete: (values) => {
    const country = values.profile?.country;
    return typeof country === "string" ? { ...values, profile: { ...values.profile, country: country.toUpperCase() } } : values;
  },
  onStored: (registration, details) => {
    // Double opt-in: the registration counts only once its owner confirms it from the mail the API sends.
    const awaiting = awaitsConfirmation(registration);
    const container = byId("registration-receipt");
    renderReceipt(container, {
      receipt: registration.receipt,
      labels: details.labels,
      idPrefix: "registration",
      heading: awaiting ? "Almost done: confirm your email address" : "Thank you: you are registered",
      details: [["Registration", registration.id]],
      replayed: details.replayed,
    });
    if (awaiting) {
      showAwaitingConfirmation(container, { idPrefix: "registration", what: "your registration", email: details.body.email });
    }
  },
});
