// GET /api/whoami-v2 (hub-api.md §2.1). `auth` must always be an object.
import { requireActor } from "@/lib/http/api-actor";
import { apiRoute, corsPreflight, json } from "@/lib/http/api-route";

export const GET = apiRoute(async (req: Request) => {
  const a = await requireActor(req);
  return json({
    type: "user",
    id: a.userId,
    name: a.username,
    fullname: a.username,
    email: a.email,
    emailVerified: false,
    isPro: false,
    canPay: false,
    avatarUrl: "",
    periodEnd: null,
    orgs: (a.orgs ?? []).map((o) => ({ type: "org", id: o.id, name: o.name, fullname: o.name, roleInOrg: o.role })),
    auth:
      a.via === "token"
        ? { type: "access_token", accessToken: { displayName: a.tokenName, role: a.tokenRole, createdAt: a.tokenCreatedAt?.toISOString() } }
        : { type: "session" },
  });
});

export const OPTIONS = corsPreflight;
