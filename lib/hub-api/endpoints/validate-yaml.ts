// POST /api/validate-yaml (hub-api.md §2.12): always JSON, 400 for a broken card.
import { z } from "zod";
import { parseCard } from "../../cards/front-matter";
import { cardProblems } from "../../cards/load-card";
import { json } from "../../http/reply";
import { endpoint, MIB } from "../endpoint";

const schema = z.object({ content: z.string(), repoType: z.string().optional() });

export const validateYaml = endpoint({
  json: schema, limit: 4 * MIB,
  handle: async ({ body }) => {
    const card = parseCard(body.content);
    const at = (e: { message: string; line?: number }) => ({ message: e.line ? `line ${e.line}: ${e.message}` : e.message });
    const list = card.errors.map(at);
    if (list.length) return json({ error: list.map((e) => e.message).join("; "), errors: list }, { status: 400 });
    // metadata the hub does not understand is reported but does not block the commit
    return json({ errors: [], warnings: cardProblems(body.repoType, card.data, card.keyLines).map(at) });
  },
});
