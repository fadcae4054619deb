// The request form a gated model asks for, from its card (the HF metadata keys
// extra_gated_prompt, extra_gated_heading, extra_gated_button_content and
// extra_gated_fields), and the validation of a visitor's answers to it.
import { badRequest } from "../errors";

export type GateField = { name: string; type: "text" | "checkbox" | "date_picker" | "country" | "select"; options?: string[] };
export type GateForm = { heading: string | null; prompt: string | null; button: string | null; fields: GateField[] };

const MAX_FIELDS = 20;
const str = (v: unknown, max: number) => (typeof v === "string" && v.trim() ? v.trim().slice(0, max) : null);

export function gateForm(card: Record<string, unknown>): GateForm {
  const raw = card.extra_gated_fields;
  const fields: GateField[] = [];
  if (raw && typeof raw === "object" && !Array.isArray(raw)) {
    for (const [name, spec] of Object.entries(raw).slice(0, MAX_FIELDS)) {
      if (!name.trim() || name.length > 200) continue;
      if (spec === "text" || spec === "checkbox" || spec === "date_picker" || spec === "country") fields.push({ name, type: spec });
      else if (spec && typeof spec === "object" && (spec as { type?: unknown }).type === "select" && Array.isArray((spec as { options?: unknown }).options)) {
        const options = ((spec as { options: unknown[] }).options)
          .map((o) => (typeof o === "string" ? o : o && typeof o === "object" ? String((o as { value?: unknown; label?: unknown }).value ?? (o as { label?: unknown }).label ?? "") : ""))
          .filter(Boolean)
          .slice(0, 100);
        if (options.length) fields.push({ name, type: "select", options });
      } else fields.push({ name, type: "text" });
    }
  }
  return { heading: str(card.extra_gated_heading, 200), prompt: str(card.extra_gated_prompt, 5000), button: str(card.extra_gated_button_content, 100), fields };
}

/** Every field must be answered; checkboxes must be ticked (they are agreements). */
export function checkAnswers(form: GateForm, answers: Record<string, unknown>): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const f of form.fields) {
    const v = answers[f.name];
    if (f.type === "checkbox") {
      if (v !== true && v !== "true" && v !== "on") throw badRequest(`Tick "${f.name}" to ask for access`);
      out[f.name] = true;
      continue;
    }
    const text = typeof v === "string" ? v.trim() : "";
    if (!text) throw badRequest(`"${f.name}" is required`);
    if (text.length > 1000) throw badRequest(`"${f.name}" is at most 1000 characters`);
    if (f.type === "select" && !f.options!.includes(text)) throw badRequest(`"${f.name}" must be one of: ${f.options!.join(", ")}`);
    if (f.type === "date_picker" && !/^\d{4}-\d{2}-\d{2}$/.test(text)) throw badRequest(`"${f.name}" must be a date (YYYY-MM-DD)`);
    out[f.name] = text;
  }
  return out;
}
