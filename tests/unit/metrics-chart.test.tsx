import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { MetricsChart } from "../../components/finetune/metrics-chart";

const points = [1, 2, 3].map((epoch) => ({ epoch, loss: 1 / epoch, acc: 0.5 + epoch / 10, valLoss: 1.2 / epoch, valAcc: 0.4 + epoch / 10, mae: 10 / epoch, valMae: 12 / epoch }));

describe("MetricsChart", () => {
  it.each(["accuracy", "mae"] as const)("draws the %s chart in the theme's colours only, so the dark theme restyles it", (metric) => {
    const html = renderToStaticMarkup(<MetricsChart points={points} metric={metric} baseline={{ value: 0.5, label: "majority class" }} />);
    // no fixed colour anywhere: a literal would stay light-themed on a dark page
    expect(html).not.toMatch(/(fill|stroke|color)(=|:)\s*"?(#|rgb)/);
    expect(html).toMatch(/class="fill-gray-500"/);
    expect(html).toMatch(/class="stroke-gray-200"/);
    expect(html).toContain("stroke:var(--color-indigo-500)");
    expect(html).toContain("stroke:var(--color-amber-500)");
    expect(html).toContain(metric === "mae" ? "Mean absolute error" : "Accuracy");
  });
});
