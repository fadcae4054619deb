// GET /api/whoami-v2 (hub-api.md §2.1). `auth` must always be an object.
import { json } from "../../http/reply";
import { endpoint } from "../endpoint";

export const whoami = endpoint({
  handle: async ({ actor }) => {
    const a = actor!;
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
  },
});
