// Who is making a request: a signed-in user (browser session) or an API token.
export type Actor = {
  userId: string;
  username: string;
  email: string;
  isAdmin: boolean;
  via: "session" | "token";
  /** For tokens: what the token may do. Sessions may do everything their user may. */
  tokenRole?: "read" | "write";
  tokenName?: string;
  /** For repo-scoped tokens: the only repo the token may write to or read privately. */
  tokenRepoId?: string | null;
  tokenCreatedAt?: Date;
  /** Organizations the user belongs to, with their role (loaded with the actor). */
  orgs?: OrgMembership[];
};

export type OrgRole = "admin" | "write" | "read";
export type OrgMembership = { id: string; name: string; role: OrgRole };
