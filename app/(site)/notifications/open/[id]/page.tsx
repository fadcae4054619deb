// Following a notification: it is read now, and the visitor goes where it leads.
import { notFound, redirect } from "next/navigation";
import { sessionActor } from "@/lib/auth/current-actor";
import { openNotification } from "@/lib/community/notifications";

type Props = { params: Promise<{ id: string }> };

export default async function OpenNotification({ params }: Props) {
  const { id } = await params;
  const actor = await sessionActor();
  if (!actor) redirect(`/signin?callbackUrl=/notifications`);
  const href = await openNotification(actor.userId, id);
  if (!href) notFound();
  redirect(href);
}
