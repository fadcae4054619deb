// Renders a checked card tree to React without evaluating anything from it.
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import { toJsxRuntime } from "hast-util-to-jsx-runtime";
import type { LoadedCard } from "@/lib/cards/load-card";
import { Callout } from "./callout";

export function ModelCard({ card, showProblems }: { card: LoadedCard; showProblems: boolean }) {
  const body = toJsxRuntime(card.rendered.tree, {
    Fragment,
    jsx,
    jsxs,
    components: { "mh-callout": Callout } as never,
  });
  const problems = [...card.errors, ...card.rendered.warnings];
  return (
    <div>
      {showProblems && problems.length > 0 && (
        <div className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="card-problems">
          <p className="font-semibold">Problems in README.md (only you see this)</p>
          <ul className="mt-1 list-disc pl-5">
            {problems.map((p, i) => (
              <li key={i}>
                {p.line ? `Line ${p.line}: ` : ""}
                {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <article className="card-body" data-testid="model-card">{body}</article>
    </div>
  );
}
