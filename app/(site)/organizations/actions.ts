"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { OrgRole } from "@/lib/auth/actor";
import { sessionActor } from "@/lib/auth/current-actor";
import { HubError, notFound } from "@/lib/errors";
import { formError } from "@/lib/http/form-error";
import { answerInvite, createOrg, findOrg, inviteMember, ROLES, setMemberRole } from "@/lib/orgs/orgs";
import { limitAction } from "@/lib/ratelimit/limit-action";
import type { OrgActionState } from "@/components/orgs/org-forms";


async function run(fn: () => Promise<string | void>): Promise<OrgActionState> {
  try {
    const done = await fn();
    return done ? { done } : {};
  } catch (e) {
    return formError(e);
  }
}

const role = (v: FormDataEntryValue | null): OrgRole | null => (ROLES.includes(v as OrgRole) ? (v as OrgRole) : null);

export async function createOrgAction(_prev: OrgActionState, form: FormData): Promise<OrgActionState> {
  const actor = await sessionActor();
  if (!actor) return { error: "Sign in first." };
  let name = "";
  const state = await run(async () => {
    await limitAction(actor, "create-repo");
    name = (await createOrg(actor, String(form.get("name") ?? "").trim())).username;
  });
  if (state.error) return state;
  redirect(`/${name}`);
}

export async function inviteAction(_prev: OrgActionState, form: FormData): Promise<OrgActionState> {
  return run(async () => {
    const actor = await sessionActor();
    const org = await findOrg(String(form.get("org")));
    if (!actor || !org) throw notFound("Organization not found");
    const username = String(form.get("username") ?? "").trim();
    await inviteMember(actor, org.id, username, role(form.get("role")) ?? "read");
    revalidatePath(`/${org.username}`);
    return `Invited ${username}`;
  });
}

export async function memberAction(form: FormData): Promise<void> {
  const actor = await sessionActor();
  const org = await findOrg(String(form.get("org")));
  if (!actor || !org) return;
  const next = form.get("role") === "remove" ? null : role(form.get("role"));
  await setMemberRole(actor, org.id, String(form.get("userId")), next).catch((e) => {
    if (!(e instanceof HubError)) throw e;
  });
  revalidatePath(`/${org.username}`);
}

export async function answerInviteAction(form: FormData): Promise<void> {
  const actor = await sessionActor();
  if (!actor) return;
  await answerInvite(actor, String(form.get("invite")), form.get("accept") === "1");
  revalidatePath("/settings/organizations");
}
