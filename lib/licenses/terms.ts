// What a license lets you do with a model, in four questions, and whether a
// derivative (a fork or a fine-tune) may carry the license its author picked.
// This is guidance from each license's text, not legal advice; unknown terms
// are reported as unknown, never guessed.
import { findLicense } from "./catalog";

export type LicenseTerms = {
  commercial: boolean | null;
  derivatives: boolean | null;
  attribution: boolean | null;
  /** Derivatives must be released under these license ids (e.g. the same one); null when free. */
  sameLicenseFamily: string[] | null;
};

const PERMISSIVE = ["mit", "apache-2.0", "bsd-2-clause", "bsd-3-clause", "isc", "zlib", "cc-by-4.0", "cc-by-3.0", "cc-by-2.0", "bsl-1.0", "unlicense", "cc0-1.0", "wtfpl", "0bsd"];
const NO_ATTRIBUTION = new Set(["cc0-1.0", "unlicense", "wtfpl", "0bsd"]);
const OPENRAIL = ["openrail", "openrail++", "bigscience-openrail-m", "creativeml-openrail-m", "bigscience-bloom-rail-1.0", "bigcode-openrail-m"];

export function licenseTerms(id: string | null | undefined): LicenseTerms {
  const unknown = { commercial: null, derivatives: null, attribution: null, sameLicenseFamily: null };
  if (!id) return unknown;
  const l = id.toLowerCase();
  if (PERMISSIVE.includes(l)) return { commercial: true, derivatives: true, attribution: !NO_ATTRIBUTION.has(l), sameLicenseFamily: null };
  const cc = /^cc-by(-nc)?(-nd|-sa)?-(\d\.\d)$/.exec(l);
  if (cc) {
    const nd = cc[2] === "-nd";
    return { commercial: !cc[1], derivatives: !nd, attribution: true, sameLicenseFamily: cc[2] === "-sa" ? [l] : null };
  }
  if (/^(a|l)?gpl-[23]\.0(-only|-or-later)?$/.test(l) || /^(mpl-2\.0|epl-2\.0|eupl-1\.2)$/.test(l)) return { commercial: true, derivatives: true, attribution: true, sameLicenseFamily: [l] };
  // OpenRAIL: derivatives must carry the use-based restrictions, i.e. an OpenRAIL license.
  if (OPENRAIL.includes(l)) return { commercial: true, derivatives: true, attribution: true, sameLicenseFamily: OPENRAIL };
  // Llama and Gemma: derivatives are distributed under the same agreement / terms.
  if (/^llama[234](\.\d)?$/.test(l) || l === "gemma") return { commercial: true, derivatives: true, attribution: true, sameLicenseFamily: [l] };
  if (l === "deepfloyd-if-license") return { commercial: false, derivatives: true, attribution: true, sameLicenseFamily: [l] };
  return unknown;
}

/** One line for lists and tooltips, e.g. "commercial use · derivatives · attribution". Null when the terms are unknown. */
export function licenseSummary(id: string | null | undefined): string | null {
  const t = licenseTerms(id);
  if (t.commercial === null) return null;
  return [
    t.commercial ? "commercial use" : "no commercial use",
    t.derivatives ? "derivatives" : "no derivatives",
    t.attribution ? "attribution required" : "no attribution needed",
    ...(t.sameLicenseFamily ? ["derivatives under the same license"] : []),
  ].join(" · ");
}

export type LicenseCheck = { ok: boolean; problems: string[]; notes: string[] };

/** May a derivative of a model under `base` be published under `derivative`? */
export function checkDerivativeLicense(base: string | null, derivative: string | null, kind: "fork" | "fine-tune"): LicenseCheck {
  const problems: string[] = [];
  const notes: string[] = [];
  const name = (id: string | null) => (id ? (findLicense(id)?.name ?? id) : "no license");
  const b = licenseTerms(base);
  if (!base || b.commercial === null) {
    notes.push(`The base model's license (${name(base)}) is not one Modelhub knows the terms of: read it before you publish a derivative.`);
    return { ok: true, problems, notes };
  }
  if (b.derivatives === false) {
    if (kind === "fine-tune") problems.push(`${name(base)} does not allow derivatives: a fine-tune of this model cannot be published.`);
    else notes.push(`${name(base)} allows sharing copies but not modified versions: keep this fork unchanged.`);
  }
  if (b.sameLicenseFamily && derivative && !b.sameLicenseFamily.includes(derivative.toLowerCase())) {
    problems.push(`${name(base)} requires derivatives to use ${b.sameLicenseFamily.length === 1 ? "the same license" : `one of: ${b.sameLicenseFamily.join(", ")}`}, not ${name(derivative)}.`);
  }
  const d = licenseTerms(derivative);
  if (b.commercial === false && d.commercial !== false) {
    problems.push(`${name(base)} forbids commercial use, so a derivative cannot be offered under ${name(derivative)}, which allows it.`);
  }
  if (!derivative) problems.push(`Pick a license for the ${kind}: the base is under ${name(base)}.`);
  if (b.attribution) notes.push(`${name(base)} requires attribution: the ${kind}'s card names the base model and its license.`);
  return { ok: problems.length === 0, problems, notes };
}
