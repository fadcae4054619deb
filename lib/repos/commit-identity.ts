// Who a web or API commit says wrote it, as git shows it. Commit objects travel with
// every clone, so they carry the user name and a no-reply address, never the
// account's email.
import { env } from "../env";

export function commitIdentity(user: { username: string }): { name: string; email: string } {
  const host = env().PUBLIC_URL ? new URL(env().PUBLIC_URL!).hostname : "modelhub.local";
  return { name: user.username, email: `${user.username}@users.noreply.${host}` };
}
