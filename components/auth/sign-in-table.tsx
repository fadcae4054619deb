// Sign-in attempts as a table: when, from where, and whether they worked.
import type { SignInEventRow } from "@/lib/auth/sign-in";

const REASON: Record<string, string> = { ok: "signed in", "bad-password": "wrong password", "unknown-user": "no such user", suspended: "account suspended", throttled: "refused: too many failures" };

export function SignInTable({ rows, showUser }: { rows: SignInEventRow[]; showUser: boolean }) {
  if (!rows.length) return <p className="text-sm text-gray-600">No sign-ins recorded yet.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
      <table className="w-full text-sm" data-testid="sign-in-events">
        <thead className="bg-gray-50 text-left text-xs text-gray-600">
          <tr>
            <th className="px-3 py-2">When (UTC)</th>
            {showUser && <th className="px-3 py-2">Account</th>}
            <th className="px-3 py-2">Result</th>
            <th className="px-3 py-2">Address</th>
            <th className="px-3 py-2">Browser</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {rows.map((r, i) => (
            <tr key={i} className={r.success ? "" : "text-red-800"}>
              <td className="px-3 py-1.5 font-mono text-xs">{r.at.toISOString().slice(0, 19).replace("T", " ")}</td>
              {showUser && <td className="px-3 py-1.5">{r.username ?? <span className="text-gray-500">{r.login}</span>}</td>}
              <td className="px-3 py-1.5">{REASON[r.reason] ?? r.reason}</td>
              <td className="px-3 py-1.5 font-mono text-xs">{r.ip || "unknown"}</td>
              <td className="max-w-xs truncate px-3 py-1.5 text-xs text-gray-600" title={r.userAgent}>{r.userAgent}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
