// POST /api/validate-yaml (hub-api.md §2.12): always JSON, 400 for a broken card.
import { z } from "zod";
import { parseCard } from "@/lib/cards/front-matter";
import { apiRoute, corsPreflight, json } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/parse-json";

const schema = z.object({ content: z.string(), repoType: z.string().optional() });

export const POST = apiRoute(async (req: Request) => {
  const { content } = await parseJsonBody(req, schema, 4 * 1024 * 1024);
  const { errors } = parseCard(content);
  const list = errors.map((e) => ({ message: e.line ? `line ${e.line}: ${e.message}` : e.message }));
  if (list.length) return json({ error: list.map((e) => e.message).join("; "), errors: list }, { status: 400 });
  return json({ errors: [], warnings: [] });
});

export const OPTIONS = corsPreflight;
