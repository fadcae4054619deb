// Turns a repo event into one pending delivery per interested webhook, each sent
// by a deliver-webhook job. Emitting never fails the action that caused it.
import { db } from "../db/client";
import { env } from "../env";
import { enqueueJob } from "../jobs/queue";
import { apiCollection, repoBase } from "../repos/repo-type";
import type { RepoRow } from "../repos/find-repo";
import { DELIVERY_ATTEMPTS, type WebhookEvent } from "./webhooks";
import { errorFields, log } from "../observability/log";
import { webhooksFor } from "./account-webhooks";

type DiscussionLike = { num: number; title: string; status: string; isPullRequest?: boolean };
export type EventExtra = {
  discussion?: DiscussionLike;
  comment?: { id: string; body: string; author: string };
  /** repo.content: the branch that moved and where to. */
  ref?: { name: string; oldSha: string; newSha: string };
  commitId?: string;
  config?: { private: boolean };
};

export const hubOrigin = () => (env().PUBLIC_URL ?? `http://localhost:${env().PORT}`).replace(/\/$/, "");

export function eventPayload(repo: Pick<RepoRow, "id" | "name" | "private" | "owner"> & { type?: string }, scope: string, action: string, extra: EventExtra) {
  const id = `${repo.owner.username}/${repo.name}`;
  const type = repo.type === "dataset" ? "dataset" : "model";
  const web = `${hubOrigin()}${repoBase(repo)}`;
  return {
    event: { action, scope },
    repo: { type, id: repo.id, name: id, private: repo.private, url: { web, api: `${hubOrigin()}/api/${apiCollection(type)}/${id}` } },
    ...(extra.discussion
      ? { discussion: { num: extra.discussion.num, title: extra.discussion.title, status: extra.discussion.status, isPullRequest: !!extra.discussion.isPullRequest, url: { web: `${web}/discussions/${extra.discussion.num}` } } }
      : {}),
    ...(extra.comment ? { comment: { id: extra.comment.id, author: extra.comment.author, content: extra.comment.body } } : {}),
    ...(extra.ref ? { updatedRefs: [{ ref: `refs/heads/${extra.ref.name}`, oldSha: extra.ref.oldSha, newSha: extra.ref.newSha }] } : {}),
    ...(extra.commitId ? { commitId: extra.commitId } : {}),
    ...(extra.config ? { config: extra.config } : {}),
  };
}

/** family picks the subscribers (repo | discussion | pr); scope and action describe the event. */
export async function emitRepoEvent(repoId: string, family: WebhookEvent, action: string, extra: EventExtra = {}, scope?: string): Promise<void> {
  try {
    const repo = await db().repo.findUniqueOrThrow({ where: { id: repoId }, select: { id: true, name: true, type: true, private: true, hiddenAt: true, ownerId: true, owner: { select: { username: true } } } });
    const hooks = (await webhooksFor(repo, family)).map((id) => ({ id }));
    if (!hooks.length) return;
    const payload = eventPayload(repo, scope ?? (family === "repo" ? "repo.content" : family === "pr" ? "discussion.pr" : "discussion"), action, extra);
    for (const h of hooks) {
      const d = await db().webhookDelivery.create({ data: { webhookId: h.id, event: `${payload.event.scope}.${action}`, payload: { ...payload, webhook: { id: h.id, version: 1 } } } });
      await enqueueJob("deliver-webhook", { deliveryId: d.id }, { maxAttempts: DELIVERY_ATTEMPTS });
    }
  } catch (e) {
    log().error({ repoId, event: `${family}.${action}`, ...errorFields(e) }, "webhooks: could not queue a delivery");
  }
}
