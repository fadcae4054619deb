import Link from "@/components/ui/link";
import { sessionActor } from "@/lib/auth/current-actor";
import { listRepos } from "@/lib/repos/list-repos";
import { RepoList } from "@/components/model/repo-list";
import { buttonClass, secondaryButtonClass } from "@/components/ui/button-styles";

export default async function HomePage() {
  const actor = await sessionActor();
  const { repos } = await listRepos({ actor, limit: 6 });
  return (
    <div className="space-y-10">
      <section className="rounded-xl bg-gradient-to-br from-indigo-600 to-violet-700 p-8 text-white">
        <h1 className="text-3xl font-bold">The model hub you run yourself</h1>
        <p className="mt-2 max-w-2xl text-indigo-100">
          Publish models with their cards and weights, browse and download them, and use the Hugging Face clients you already know.
        </p>
        <div className="mt-5 flex gap-3">
          <Link href="/models" className={secondaryButtonClass}>Browse models</Link>
          <Link href={actor ? "/new" : "/signup"} className={`${buttonClass} bg-white/20 hover:bg-white/30`}>
            {actor ? "Publish a model" : "Create an account"}
          </Link>
        </div>
      </section>
      <section>
        <h2 className="mb-3 text-lg font-semibold">Recently published</h2>
        <RepoList repos={repos} />
      </section>
    </div>
  );
}
