// Registration: the kit loads the registration labels, asks each as a yes/no question and posts the form.
import { mountRegistrationForm, renderReceipt } from "../kit/submissions-kit.js";
import { byId, client } from "./site.js";

mountRegistrationForm(client, byId("registration-form"), {
  // The API wants an upper-case ISO 3166 code; people type "gb" as often as "GB".
  complete: (values) => {
    const country = values.profile?.country;
    return typeof country === "string" ? { ...values, profile: { ...values.profile, country: country.toUpperCase() } } : values;
  },
  onStored: (registration, details) => {
    renderReceipt(byId("registration-receipt"), {
      receipt: registration.receipt,
      labels: details.labels,
      idPrefix: "registration",
      heading: "Thank you: you are registered",
      details: [["Registration", registration.id]],
      replayed: details.replayed,
    });
  },
});
