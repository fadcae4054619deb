// Card metadata checks (with the README line at fault) and the eval-results rows.
import { describe, expect, it } from "vitest";
import { parseCard } from "../../lib/cards/front-matter";
import { validateCardData } from "../../lib/cards/validate-card";
import { evalRows } from "../../lib/cards/eval-results";

const check = (yaml: string, files: string[] = []) => {
  const c = parseCard(`---\n${yaml}\n---\n# Model\n`);
  expect(c.errors).toEqual([]);
  return validateCardData(c.data, c.keyLines, files);
};

describe("card metadata", () => {
  it("accepts a complete, well-formed card", () => {
    expect(
      check(`license: apache-2.0
pipeline_tag: text-classification
library_name: transformers
language: [en, fr, pt-BR]
tags: [sentiment]
datasets: [imdb, stanfordnlp/sst2]
base_model: google-bert/bert-base-uncased
base_model_relation: finetune
metrics: [accuracy]
widget:
  - text: I loved it
    example_title: Positive
extra_gated_fields:
  Company: text
  Use:
    type: select
    options: [Research, Commercial]
model-index:
  - name: m
    results:
      - task: {type: text-classification}
        dataset: {type: imdb, name: IMDb, split: test}
        metrics: [{type: accuracy, value: 0.93}]`),
    ).toEqual([]);
  });

  it("names each problem and the line it is on", () => {
    const problems = check(`tags: [ok]
license: apache-2
pipeline_tag: text-clasification
language: English
datasets: ["../etc"]
base_model: bert
base_model_relation: distilled
model-index:
  - name: m
    results:
      - task: {name: x}
        dataset: {type: imdb}
        metrics: []
widget: "try me"
extra_gated_fields: {Company: essay}`);
    expect(problems.map((p) => [p.line, p.message.split(":")[0]])).toEqual([
      [3, "license"],
      [4, "pipeline_tag"],
      [5, "language"],
      [6, "datasets"],
      [7, "base_model"],
      [8, "base_model_relation"],
      [9, "model-index"],
      [9, "model-index"],
      [9, "model-index"],
      [15, "widget"],
      [16, "extra_gated_fields"],
    ]);
    expect(problems[0]!.message).toContain('"apache-2" is not an SPDX id');
    expect(problems[6]!.message).toContain("task.type");
  });

  it("asks 'other' licenses for a name and a link or a LICENSE file", () => {
    expect(check("license: other").map((p) => p.message)).toEqual([
      'license: "other" needs license_name (a short id such as my-research-license)',
      'license: "other" needs license_link (a URL or the path of a LICENSE file) or a LICENSE file in the repo',
    ]);
    expect(check("license: other\nlicense_name: my-license", ["LICENSE.md"])).toEqual([]);
    expect(check("license: other\nlicense_name: my-license\nlicense_link: https://example.com/terms")).toEqual([]);
    expect(check("license: other\nlicense_name: My License\nlicense_link: ../../etc/passwd").map((p) => p.message.split(":")[0])).toEqual(["license_name", "license_link"]);
  });

  it("turns model-index into table rows and skips what it cannot read", () => {
    const { data } = parseCard(`---
model-index:
  - name: tiny
    results:
      - task: {type: text-classification, name: Text Classification}
        dataset: {type: imdb, name: IMDb, split: test}
        metrics:
          - {type: accuracy, value: 0.93125, verified: true}
          - {type: f1, name: F1, value: 91.5}
      - task: {type: broken}
  - "not an entry"
---
`);
    expect(evalRows(data)).toEqual([
      { model: "tiny", task: "Text Classification", dataset: "IMDb", split: "test", metric: "accuracy", value: "0.9313", verified: true },
      { model: "tiny", task: "Text Classification", dataset: "IMDb", split: "test", metric: "F1", value: "91.50", verified: false },
    ]);
    expect(evalRows({ "model-index": "nope" })).toEqual([]);
  });
});
