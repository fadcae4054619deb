import { licenseTerms } from "@/lib/licenses/terms";

const yesNo = (v: boolean | null, yes: string, no: string) => (v === null ? null : v ? yes : no);

/** Four questions about a license, answered in words; nothing when the terms are unknown. */
export function LicenseTerms({ license }: { license: string | null }) {
  const t = licenseTerms(license);
  if (t.commercial === null) return license ? <p className="text-xs text-gray-500">Terms not summarized: read the license.</p> : null;
  const items = [
    yesNo(t.commercial, "commercial use allowed", "no commercial use"),
    yesNo(t.derivatives, "derivatives allowed", "no derivatives"),
    yesNo(t.attribution, "attribution required", "no attribution needed"),
    t.sameLicenseFamily ? (t.sameLicenseFamily.length === 1 ? "derivatives keep this license" : "derivatives keep these terms") : null,
  ].filter(Boolean);
  return (
    <ul className="flex flex-wrap gap-1 text-xs" data-testid="license-terms">
      {items.map((i) => <li key={i} className="rounded bg-gray-100 px-1.5 py-0.5 text-gray-700">{i}</li>)}
    </ul>
  );
}
