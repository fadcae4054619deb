// POST /api/validate-yaml (hub-api.md §2.12): always JSON, 400 for a broken card.
import { z } from "zod";
import { parseCard } from "@/lib/cards/front-matter";
import { validateCardData } from "@/lib/cards/validate-card";
import { apiRoute, corsPreflight, json } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/parse-json";

const schema = z.object({ content: z.string(), repoType: z.string().optional() });

export const POST = apiRoute(async (req: Request) => {
  const { content } = await parseJsonBody(req, schema, 4 * 1024 * 1024);
  const card = parseCard(content);
  const at = (e: { message: string; line?: number }) => ({ message: e.line ? `line ${e.line}: ${e.message}` : e.message });
  const list = card.errors.map(at);
  if (list.length) return json({ error: list.map((e) => e.message).join("; "), errors: list }, { status: 400 });
  // metadata the hub does not understand is reported but does not block the commit
  return json({ errors: [], warnings: validateCardData(card.data, card.keyLines).map(at) });
});

export const OPTIONS = corsPreflight;
