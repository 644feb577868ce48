import type { PromotionField } from "./client.js";
import type { KitText } from "./text.js";

/** The id of a promotion field's input: `{prefix}-field-{name}`; its error element adds `-error`. */
export function promotionFieldId(idPrefix: string, name: string): string {
  return `${idPrefix}-field-${name}`;
}

/**
 * Renders the inputs a promotion asks for, as it describes them (name, required, max length): one labelled text input
 * per field, named `fields.{name}` so values and error paths map to it. Values typed before a re-render are kept.
 */
export function renderPromotionFields(
  container: HTMLElement, fields: readonly PromotionField[], idPrefix: string, text: KitText, labels: Record<string, string>,
): void {
  const typed = new Map(Array.from(container.querySelectorAll<HTMLInputElement>("input[name^='fields.']"),
    (input) => [input.name, input.value] as const));
  container.replaceChildren(...fields.map((field) => {
    const wrapper = document.createElement("div");
    wrapper.className = "field";
    const input = document.createElement("input");
    input.type = "text";
    input.id = promotionFieldId(idPrefix, field.name);
    input.name = `fields.${field.name}`;
    input.maxLength = field.maxLength;
    input.required = field.required;
    input.autocomplete = "off";
    input.value = typed.get(input.name) ?? "";
    const label = document.createElement("label");
    label.htmlFor = input.id;
    label.textContent = labels[field.name] ?? text.fieldLabel(field.name);
    if (!field.required) {
      const optional = document.createElement("span");
      optional.className = "optional";
      optional.textContent = ` ${text.optional}`;
      label.append(optional);
    }
    wrapper.append(label, input);
    return wrapper;
  }));
}
