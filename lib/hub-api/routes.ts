// The HTTP API in one table: method, path, who may call it, the repo access it
// needs, its rate limit and the endpoint (its input schema and handler). The first
// matching row serves a request; `*name` takes the rest of the path, because
// revisions and file paths hold slashes (hub-api.md §1). Paths are HF's (§2).
import type { RateAction } from "../ratelimit/rate-limit";
import type { Method } from "../http/router";
import type { RepoType } from "../repos/repo-type";
import type { Endpoint, RepoEndpoint } from "./endpoint";
import { blobLookup } from "./endpoints/blob-lookup";
import { commit } from "./endpoints/commit";
import { askAccess, decideAccessEndpoint, listAccess } from "./endpoints/gated-access";
import { demoRuns, like, likers, unlike, userLikes } from "./endpoints/community";
import { commentEndpoint, discussionDetails, editCommentEndpoint, hideCommentEndpoint, listDiscussionsEndpoint, mergeEndpoint, openDiscussionEndpoint, renameEndpoint, statusEndpoint } from "./endpoints/discussions";
import { download } from "./endpoints/download";
import { listFineTunes, rerunFineTune, submitFineTuneEndpoint } from "./endpoints/fine-tunes";
import { cancelJobEndpoint, getJob, jobEvents } from "./endpoints/jobs";
import { lfsBatch } from "./endpoints/lfs-batch";
import { getObject } from "./endpoints/lfs-download";
import { listLocks, lockUnsupported, verifyLocks } from "./endpoints/lfs-locks";
import { cancelObject, completeObject, putObject, putPart } from "./endpoints/lfs-transfers";
import { infoRefs, receivePackEndpoint, uploadPackEndpoint } from "./endpoints/git";
import { duplicate, fork, lineage, syncUpstream, tensorDiff, upstream } from "./endpoints/lineage";
import { modelInfo } from "./endpoints/model-info";
import { listDatasetsEndpoint, listModelsEndpoint, modelFacets, modelTags, quickSearchEndpoint } from "./endpoints/models-list";
import { preupload } from "./endpoints/preupload";
import { commits, createBranch, createTag, deleteBranch, deleteTag, refs, superSquashEndpoint } from "./endpoints/refs";
import { createRepoEndpoint } from "./endpoints/repos-create";
import { deleteRepoByBody, deleteRepoById } from "./endpoints/repos-delete";
import { settings } from "./endpoints/settings";
import { pathsInfo, tree } from "./endpoints/tree-entries";
import { uploadCommit } from "./endpoints/upload-commit";
import { validateYaml } from "./endpoints/validate-yaml";
import { datasetViewer } from "./endpoints/dataset-viewer";
import { createWebhookEndpoint, deleteWebhookEndpoint, listDeliveriesEndpoint, listWebhooksEndpoint, redeliverEndpoint, updateWebhookEndpoint } from "./endpoints/webhooks";
import { orgRepoStorage, ownRepoStorage } from "./endpoints/storage";
import {
  createAccountWebhookEndpoint,
  deleteAccountWebhookEndpoint,
  disableAccountWebhook,
  enableAccountWebhook,
  getAccountWebhookEndpoint,
  listAccountWebhooksEndpoint,
  updateAccountWebhookEndpoint,
} from "./endpoints/account-webhooks";
import { moveRepoEndpoint } from "./endpoints/repos-move";
import { whoami } from "./endpoints/whoami";
import { authCheckRead, authCheckWrite, datasetTags, noSpaces, orgFollowers, orgMembers, orgOverviewEndpoint, userFollowers, userFollowing, userOverviewEndpoint } from "./endpoints/profiles";

export type Route = {
  method: Method;
  path: string;
  /** "signed-in": 401 for anonymous callers before anything else happens. */
  access: "anyone" | "signed-in";
  /** The repo named by :ns/:name, loaded for the caller: private ones they cannot read are 404. */
  repo?: "read" | "write";
  /** The repo name may carry git's ".git" suffix. */
  gitName?: true;
  /** The kind of repo the path names, when the path has no :type(models|datasets) segment. */
  type?: RepoType;
  rate?: RateAction;
  endpoint: Endpoint | RepoEndpoint;
};

// One repo: /api/models/{id} or /api/datasets/{id}, the same endpoints for both kinds.
const M = "/api/:type(models|datasets)/:ns/:name";

const r = (method: Method, path: string, access: Route["access"], endpoint: Route["endpoint"], more: Partial<Route> = {}): Route => ({ method, path, access, endpoint, ...more });
const read = { repo: "read" } as const;
const write = { repo: "write" } as const;

/** A route outside /api for models at /{id}/..., and its twin for datasets at /datasets/{id}/... (HF's URL scheme). */
// (the dataset twin first: /datasets/x/resolve/resolve/... is dataset x/resolve, not a model of "datasets")
const both = (route: Route): Route[] => [{ ...route, path: `/datasets${route.path}`, type: "dataset" }, route];

export const ROUTES: Route[] = [
  r("GET", "/api/whoami-v2", "signed-in", whoami),
  r("GET", "/api/settings/repositories", "signed-in", ownRepoStorage),
  // Account webhooks (HF /api/settings/webhooks): the caller's own
  r("GET", "/api/settings/webhooks", "signed-in", listAccountWebhooksEndpoint),
  r("POST", "/api/settings/webhooks", "signed-in", createAccountWebhookEndpoint),
  r("GET", "/api/settings/webhooks/:id", "signed-in", getAccountWebhookEndpoint),
  r("POST", "/api/settings/webhooks/:id", "signed-in", updateAccountWebhookEndpoint),
  r("POST", "/api/settings/webhooks/:id/enable", "signed-in", enableAccountWebhook),
  r("POST", "/api/settings/webhooks/:id/disable", "signed-in", disableAccountWebhook),
  r("DELETE", "/api/settings/webhooks/:id", "signed-in", deleteAccountWebhookEndpoint),
  r("GET", "/api/organizations/:org/settings/repositories", "signed-in", orgRepoStorage),
  r("POST", "/api/repos/create", "signed-in", createRepoEndpoint, { rate: "create-repo" }),
  r("DELETE", "/api/repos/delete", "signed-in", deleteRepoByBody),
  r("POST", "/api/repos/move", "signed-in", moveRepoEndpoint, { rate: "create-repo" }),
  r("GET", "/api/models", "anyone", listModelsEndpoint),
  r("GET", "/api/datasets", "anyone", listDatasetsEndpoint),
  r("GET", "/api/model-facets", "anyone", modelFacets),
  r("GET", "/api/quicksearch", "anyone", quickSearchEndpoint),
  r("GET", "/api/models-tags-by-type", "anyone", modelTags),
  r("GET", "/api/datasets-tags-by-type", "anyone", datasetTags),
  r("GET", "/api/spaces", "anyone", noSpaces),
  r("GET", "/api/users/:user/overview", "anyone", userOverviewEndpoint),
  r("GET", "/api/users/:user/followers", "anyone", userFollowers),
  r("GET", "/api/users/:user/following", "anyone", userFollowing),
  r("GET", "/api/organizations/:org/overview", "anyone", orgOverviewEndpoint),
  r("GET", "/api/organizations/:org/members", "anyone", orgMembers),
  r("GET", "/api/organizations/:org/followers", "anyone", orgFollowers),
  r("POST", "/api/validate-yaml", "anyone", validateYaml),
  r("GET", "/api/blobs/:sha256", "anyone", blobLookup),

  // One model (hub-api.md §2.4-2.13)
  r("GET", M, "anyone", modelInfo, read),
  r("DELETE", M, "signed-in", deleteRepoById, write),
  r("GET", `${M}/revision/*rev`, "anyone", modelInfo, read),
  r("GET", `${M}/tree/*path`, "anyone", tree, read),
  r("POST", `${M}/paths-info/*rev`, "anyone", pathsInfo, read),
  r("POST", `${M}/preupload/*rev`, "signed-in", preupload, read),
  r("POST", `${M}/commit/*rev`, "signed-in", commit, { ...read, rate: "commit" }),
  r("GET", `${M}/refs`, "anyone", refs, read),
  r("GET", `${M}/commits/*rev`, "anyone", commits, read),
  r("POST", `${M}/branch/*name`, "signed-in", createBranch, write),
  r("POST", `${M}/super-squash/*branch`, "signed-in", superSquashEndpoint, { ...write, rate: "commit" }),
  r("DELETE", `${M}/branch/*name`, "signed-in", deleteBranch, write),
  r("POST", `${M}/tag/*rev`, "signed-in", createTag, write),
  r("DELETE", `${M}/tag/*name`, "signed-in", deleteTag, write),
  r("PUT", `${M}/settings`, "signed-in", settings, write),
  r("POST", `${M}/fork`, "signed-in", fork, { ...read, rate: "fork" }),
  r("POST", `${M}/duplicate`, "signed-in", duplicate, { ...read, rate: "fork" }),
  r("GET", `${M}/lineage`, "anyone", lineage, read),
  r("GET", `${M}/auth-check`, "anyone", authCheckRead, read),
  r("GET", `${M}/auth-check/write`, "anyone", authCheckWrite, read),
  r("GET", "/api/datasets/:ns/:name/viewer", "anyone", datasetViewer, { ...read, type: "dataset" }),
  r("GET", `${M}/upstream`, "anyone", upstream, read),
  r("POST", `${M}/upstream`, "signed-in", syncUpstream, write),
  r("GET", `${M}/tensor-diff`, "anyone", tensorDiff, read),
  r("POST", `${M}/like`, "signed-in", like, { ...read, rate: "like" }),
  r("DELETE", `${M}/like`, "signed-in", unlike, { ...read, rate: "like" }),
  r("GET", `${M}/likers`, "anyone", likers, read),
  r("GET", "/api/users/:user/likes", "anyone", userLikes),
  r("POST", `${M}/demo-runs`, "anyone", demoRuns, { ...read, rate: "demo-run" }),
  r("POST", `${M}/ask-access`, "signed-in", askAccess, { ...read, rate: "comment" }),
  r("GET", `${M}/user-access-request/:status(pending|accepted|rejected)`, "signed-in", listAccess, write),
  r("POST", `${M}/user-access-request/:verb(handle|grant)`, "signed-in", decideAccessEndpoint, write),

  // Discussions and pull requests
  r("GET", `${M}/discussions`, "anyone", listDiscussionsEndpoint, read),
  r("POST", `${M}/discussions`, "signed-in", openDiscussionEndpoint, { ...read, rate: "comment" }),
  r("GET", `${M}/discussions/:num`, "anyone", discussionDetails, read),
  r("POST", `${M}/discussions/:num/comment`, "signed-in", commentEndpoint, { ...read, rate: "comment" }),
  r("POST", `${M}/discussions/:num/status`, "signed-in", statusEndpoint, read),
  r("PATCH", `${M}/discussions/:num/status`, "signed-in", statusEndpoint, read),
  r("POST", `${M}/discussions/:num/merge`, "signed-in", mergeEndpoint, read),
  r("POST", `${M}/discussions/:num/comment/:cid/edit`, "signed-in", editCommentEndpoint, { ...read, rate: "comment" }),
  r("POST", `${M}/discussions/:num/comment/:cid/hide`, "signed-in", hideCommentEndpoint, read),
  r("POST", `${M}/discussions/:num/title`, "signed-in", renameEndpoint, { ...read, rate: "comment" }),

  // Webhooks, for the repo's writers
  r("GET", `${M}/webhooks`, "signed-in", listWebhooksEndpoint, write),
  r("POST", `${M}/webhooks`, "signed-in", createWebhookEndpoint, write),
  r("PATCH", `${M}/webhooks/:wid`, "signed-in", updateWebhookEndpoint, write),
  r("DELETE", `${M}/webhooks/:wid`, "signed-in", deleteWebhookEndpoint, write),
  r("GET", `${M}/webhooks/:wid/deliveries`, "signed-in", listDeliveriesEndpoint, write),
  r("POST", `${M}/webhooks/:wid/deliveries/:did/redeliver`, "signed-in", redeliverEndpoint, write),

  // Fine-tuning jobs
  r("POST", "/api/fine-tunes", "signed-in", submitFineTuneEndpoint, { rate: "fine-tune" }),
  r("GET", "/api/fine-tunes", "signed-in", listFineTunes),
  r("POST", "/api/fine-tunes/rerun", "signed-in", rerunFineTune, { rate: "fine-tune" }),
  r("GET", "/api/jobs/:id", "signed-in", getJob),
  r("POST", "/api/jobs/:id/cancel", "signed-in", cancelJobEndpoint),
  r("GET", "/api/jobs/:id/events", "signed-in", jobEvents),

  // LFS transfers: authorized by the signature of the URL the batch handed out (§2.10)
  r("GET", "/api/lfs/:oid", "anyone", getObject),
  r("PUT", "/api/lfs/:oid", "anyone", putObject),
  r("DELETE", "/api/lfs/:oid", "anyone", cancelObject),
  r("PUT", "/api/lfs/:oid/parts/:n", "anyone", putPart),
  r("POST", "/api/lfs/:oid/complete", "anyone", completeObject),
  r("POST", "/api/upload-commit/:owner/:name", "signed-in", uploadCommit, { rate: "commit" }),
  r("POST", "/api/upload-commit/datasets/:owner/:name", "signed-in", uploadCommit, { rate: "commit", type: "dataset" }),

  // Outside /api, as the clients expect them: git's smart HTTP (the repo is checked per service)
  ...[
    r("GET", "/:ns/:name/info/refs", "anyone", infoRefs),
    r("POST", "/:ns/:name/git-upload-pack", "anyone", uploadPackEndpoint),
    r("POST", "/:ns/:name/git-receive-pack", "anyone", receivePackEndpoint, { rate: "commit" }),
    r("POST", "/:ns/:name/info/lfs/objects/batch", "anyone", lfsBatch, { ...read, gitName: true, rate: "upload" }),
    r("GET", "/:ns/:name/info/lfs/locks", "anyone", listLocks, { ...read, gitName: true }),
    r("POST", "/:ns/:name/info/lfs/locks/verify", "anyone", verifyLocks, { ...read, gitName: true }),
    r("POST", "/:ns/:name/info/lfs/locks", "anyone", lockUnsupported, { ...read, gitName: true }),
    r("POST", "/:ns/:name/info/lfs/locks/:id/unlock", "anyone", lockUnsupported, { ...read, gitName: true }),
    r("GET", "/:ns/:name/:kind(resolve|raw)/*path", "anyone", download, read),
  ].flatMap(both),
];
