// Public profiles and access checks as the HF clients read them: /api/users/{u}/overview,
// …/followers, …/following; /api/organizations/{o}/overview, …/members, …/followers;
// GET /api/{models|datasets}/{id}/auth-check[/write] (HF auth_check); the tag lists of
// datasets; and /api/spaces, an empty list: this hub hosts no Spaces.
import { can } from "../../auth/can";
import { followersOf, followingOf, membersOf, orgOverview, userOverview } from "../../community/user-overview";
import { forbidden, unauthorized } from "../../errors";
import { assertFileAccess } from "../../gating/access";
import { json } from "../../http/reply";
import { datasetTagsByType } from "../../search/tags-by-type";
import { endpoint, repoEndpoint } from "../endpoint";

export const userOverviewEndpoint = endpoint({ handle: async ({ actor, params }) => json(await userOverview(actor, params.user!)) });
export const userFollowers = endpoint({ handle: async ({ params }) => json(await followersOf(params.user!, null)) });
export const userFollowing = endpoint({ handle: async ({ params }) => json(await followingOf(params.user!)) });
export const orgOverviewEndpoint = endpoint({ handle: async ({ actor, params }) => json(await orgOverview(actor, params.org!)) });
export const orgMembers = endpoint({ handle: async ({ params }) => json(await membersOf(params.org!)) });
export const orgFollowers = endpoint({ handle: async ({ params }) => json(await followersOf(params.org!, true)) });
export const datasetTags = endpoint({ handle: async () => json(await datasetTagsByType()) });
export const noSpaces = endpoint({ handle: async () => json([]) });

/** 200 when the caller may read the repo's files (gated ones included), or write with /write. */
const authCheck = (write: boolean) =>
  repoEndpoint({
    handle: async ({ actor, repo }) => {
      await assertFileAccess(actor, repo, null);
      if (write && !can(actor, "write", repo)) throw actor ? forbidden(`You cannot write to ${repo.owner.username}/${repo.name}`) : unauthorized("Sign in to write");
      return json({});
    },
  });
export const authCheckRead = authCheck(false);
export const authCheckWrite = authCheck(true);
