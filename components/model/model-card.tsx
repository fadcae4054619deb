// Renders a checked card tree to React without evaluating anything from it.
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import { toJsxRuntime } from "hast-util-to-jsx-runtime";
import type { LoadedCard } from "@/lib/cards/load-card";
import { Callout } from "./callout";
import { LicenseTerms } from "./license-terms";
import { EvalResults } from "./eval-results";
import { evalRows } from "@/lib/cards/eval-results";
import "katex/dist/katex.min.css";
import "highlight.js/styles/github.min.css";

export function ModelCard({ card, showProblems }: { card: LoadedCard; showProblems: boolean }) {
  const body = toJsxRuntime(card.rendered.tree, {
    Fragment,
    jsx,
    jsxs,
    components: {
      "mh-callout": Callout,
      "mh-license": ({ id }: { id?: string }) => {
        const license = id ?? (typeof card.data.license === "string" ? card.data.license : null);
        return license ? <span className="not-prose inline-block rounded border border-gray-200 p-2 text-sm"><LicenseTerms license={license} /></span> : null;
      },
      "mh-eval-results": () => <EvalResults rows={evalRows(card.data)} />,
    } as never,
  });
  const problems = [...card.errors, ...card.problems, ...card.rendered.warnings];
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
