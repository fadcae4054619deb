"""The official huggingface_hub client against the hub, one scenario per run:
    python3 client_calls.py <scenario>
HF_ENDPOINT and HF_TOKEN name the hub and the owner's token; HF_TOKEN_OTHER is a second
user's. Prints "ok <scenario>" when every check held; any failure raises."""
import os
import sys
import uuid

from huggingface_hub import HfApi
from huggingface_hub.utils import build_hf_headers, get_session, HfHubHTTPError

api = HfApi()
other = HfApi(token=os.environ["HF_TOKEN_OTHER"])
me = api.whoami()["name"]
them = other.whoami()["name"]


def eventually(check, seconds=20):
    """What the hub's worker refreshes after a commit (catalogue facets) shows up within seconds."""
    import time
    deadline = time.time() + seconds
    while True:
        try:
            return check()
        except AssertionError:
            if time.time() > deadline:
                raise
            time.sleep(0.2)


def new_repo(prefix):
    repo_id = f"{me}/{prefix}-{uuid.uuid4().hex[:8]}"
    api.create_repo(repo_id)
    api.upload_file(path_or_fileobj=b'{"a": 1}\n', path_in_repo="config.json", repo_id=repo_id)
    return repo_id


def discussions():
    repo = new_repo("disc")
    d = api.create_discussion(repo, "A question", description="What is this?")
    assert d.repo_id == repo and d.repo_type == "model" and d.status == "open" and not d.is_pull_request
    c = other.comment_discussion(repo, d.num, "A comment")
    assert c.content == "A comment" and not c.edited and not c.hidden
    edited = other.edit_discussion_comment(repo, d.num, c.id, "A better comment")
    assert edited.content == "A better comment" and edited.edited
    hidden = api.hide_discussion_comment(repo, d.num, c.id)
    assert hidden.hidden
    renamed = api.rename_discussion(repo, d.num, "A clearer question")
    assert (renamed.old_title, renamed.new_title) == ("A question", "A clearer question")
    details = api.get_discussion_details(repo, d.num)
    assert details.title == "A clearer question"
    comments = [e for e in details.events if e.type == "comment"]
    assert [c.hidden for c in comments] == [False, True] and comments[1].edited
    try:
        other.rename_discussion(repo, d.num, "Hijacked")
        raise AssertionError("a stranger renamed the discussion")
    except HfHubHTTPError as e:
        assert e.response.status_code == 403
    closed = api.change_discussion_status(repo, d.num, "closed")
    assert closed.new_status == "closed"


def pull_requests():
    repo = new_repo("pr")
    pr = other.create_pull_request(repo, "Better config", description="Please")
    assert pr.is_pull_request and pr.status == "draft" and pr.repo_id == repo
    other.upload_file(path_or_fileobj=b'{"a": 2}\n', path_in_repo="config.json", repo_id=repo, revision=pr.git_reference)
    api.merge_pull_request(repo, pr.num)  # no comment: the client sends no body
    merged = api.get_discussion_details(repo, pr.num)
    assert merged.status == "merged" and merged.merge_commit_oid
    assert api.hf_hub_download(repo, "config.json", force_download=True) and api.model_info(repo).sha == merged.merge_commit_oid


def likes():
    repo = new_repo("liked")
    r = get_session().post(f"{api.endpoint}/api/models/{repo}/like", headers=other._build_hf_headers())
    r.raise_for_status()
    assert repo in other.list_liked_repos(them).models
    assert repo in api.list_liked_repos(them).models
    likers = list(api.list_repo_likers(repo))
    assert [u.username for u in likers] == [them] and likers[0].fullname == them


def access_requests():
    repo = new_repo("gated")
    api.update_repo_settings(repo, gated="manual")
    r = get_session().post(f"{api.endpoint}/api/models/{repo}/ask-access", headers=other._build_hf_headers(), json={})
    r.raise_for_status()
    pending = list(api.list_pending_access_requests(repo))
    assert [(p.username, p.fullname, p.status) for p in pending] == [(them, them, "pending")]
    api.accept_access_request(repo, them)
    assert [a.username for a in api.list_accepted_access_requests(repo)] == [them]
    assert list(api.list_rejected_access_requests(repo)) == []


def move():
    repo = new_repo("before")
    api.upload_file(path_or_fileobj=b"weights" * 100, path_in_repo="w.bin", repo_id=repo)
    target = f"{me}/after-{uuid.uuid4().hex[:8]}"
    api.move_repo(repo, target)
    assert api.model_info(target).id == target
    # the old address still works everywhere: API, downloads (followed redirects)
    assert api.model_info(repo).id == target
    path = api.hf_hub_download(repo, "w.bin", force_download=True)
    with open(path, "rb") as f:
        assert f.read() == b"weights" * 100
    try:
        other.move_repo(target, f"{them}/stolen")
        raise AssertionError("a stranger moved the repo")
    except HfHubHTTPError as e:
        assert e.response.status_code in (403, 404)
    # reusing the old name ends the redirect
    api.create_repo(repo)
    assert api.model_info(repo).id == repo
    assert api.list_repo_files(repo) != api.list_repo_files(target)


def webhooks():
    from huggingface_hub import WebhookWatchedItem
    repo = new_repo("watched")
    hook = api.create_webhook(url="https://example.com/hook", watched=[{"type": "model", "name": repo}, WebhookWatchedItem(type="user", name=me)], domains=["repo"], secret="my-secret")
    assert hook.url == "https://example.com/hook" and not hook.disabled and hook.domains == ["repo"] and hook.secret is None
    assert [(w.type, w.name) for w in hook.watched] == [("model", repo), ("user", me)]
    assert [w.id for w in api.list_webhooks()] == [hook.id]
    assert other.list_webhooks() == []
    assert api.get_webhook(hook.id).id == hook.id
    updated = api.update_webhook(hook.id, url="https://example.com/other", watched=[{"type": "model", "name": repo}], domains=["repo", "discussion"])
    assert updated.url == "https://example.com/other" and sorted(updated.domains) == ["discussion", "repo"] and len(updated.watched) == 1
    assert api.disable_webhook(hook.id).disabled and not api.enable_webhook(hook.id).disabled
    for bad in [dict(url="http://127.0.0.1:9/x", watched=[{"type": "model", "name": repo}]), dict(url="https://example.com/x", watched=[{"type": "model", "name": f"{them}/nope"}])]:
        try:
            api.create_webhook(**bad)
            raise AssertionError(f"accepted {bad}")
        except HfHubHTTPError as e:
            assert e.response.status_code in (400, 404), e
    try:
        other.get_webhook(hook.id)
        raise AssertionError("another user read the webhook")
    except HfHubHTTPError as e:
        assert e.response.status_code == 404
    api.delete_webhook(hook.id)
    assert api.list_webhooks() == []


def tags_and_listing():
    repo = new_repo("listed")
    api.upload_file(path_or_fileobj=b"x" * 5000, path_in_repo="weights.bin", repo_id=repo)
    mine = {r.id: r for r in api.list_user_repos()}
    assert mine[repo].type == "model" and mine[repo].visibility == "public" and mine[repo].storage >= 5000, vars(mine[repo])
    assert repo not in {r.id for r in other.list_user_repos()}
    tags = api.get_model_tags()
    assert any(t["id"] == "text-classification" for t in tags["pipeline_tag"])
    assert any(t["id"] == "apache-2.0" for t in tags["license"])
    assert repo in [m.id for m in api.list_models(author=me)]


def duplicate_and_squash():
    repo = new_repo("orig")
    api.upload_file(path_or_fileobj=b"w" * 1000, path_in_repo="weights.bin", repo_id=repo)
    target = f"{me}/copy-{uuid.uuid4().hex[:8]}"
    url = api.duplicate_repo(repo, to_id=target, private=True)
    assert url.repo_id == target
    assert sorted(api.list_repo_files(target)) == sorted(api.list_repo_files(repo))
    assert api.model_info(target).private
    assert len(api.list_repo_commits(repo)) == 3
    files = sorted(api.list_repo_files(repo))
    api.super_squash_history(repo, commit_message="One commit")
    commits = api.list_repo_commits(repo)
    assert len(commits) == 1 and commits[0].title == "One commit"
    assert sorted(api.list_repo_files(repo)) == files
    assert len(api.list_repo_commits(target)) == 3  # the duplicate keeps its history


def security_status():
    # SCANNED_REPO: a repo whose files the test scanned, one of them a pickle that calls os.system
    info = api.model_info(os.environ["SCANNED_REPO"], securityStatus=True)
    status = info.security_repo_status
    assert status["scansDone"] is True, status
    assert [(f["path"], f["level"]) for f in status["filesWithIssues"]] == [("model.pkl", "unsafe")], status
    imports = status["filesWithIssues"][0]["pickleImportScan"]["imports"]
    assert {"module": "os", "name": "system", "safety": "dangerous"} in imports, imports
    fresh = new_repo("fresh")
    def scanned():  # the hub's worker scans the new files within moments
        s = api.model_info(fresh, securityStatus=True).security_repo_status
        assert s["scansDone"] is True and s["filesWithIssues"] == [], s
    eventually(scanned)
    assert api.model_info(fresh).security_repo_status is None


def refusals():
    try:
        api.create_repo(f"{me}/app-{uuid.uuid4().hex[:8]}", repo_type="space", space_sdk="static")
        raise AssertionError("a Space was created")
    except HfHubHTTPError as e:
        assert e.response.status_code == 400 and "Spaces" in str(e), str(e)


def cli():
    import subprocess
    import tempfile

    def hf(*args):
        r = subprocess.run([sys.executable, "-m", "huggingface_hub.cli.hf", *args], capture_output=True, text=True)
        assert r.returncode == 0, f"hf {' '.join(args)}: {r.stdout}{r.stderr}"
        return r.stdout

    assert me in hf("auth", "whoami")
    name = f"{me}/cli-{uuid.uuid4().hex[:8]}"
    hf("repo", "create", name)
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "src")
        os.makedirs(os.path.join(src, "sub"))
        with open(os.path.join(src, "sub", "notes.txt"), "w") as f:
            f.write("from the command line\n")
        with open(os.path.join(src, "weights.bin"), "wb") as f:
            f.write(os.urandom(200_000))
        hf("upload", name, src, ".")
        out = os.path.join(d, "out")
        hf("download", name, "--local-dir", out)
        with open(os.path.join(out, "sub", "notes.txt")) as f:
            assert f.read() == "from the command line\n"
        with open(os.path.join(out, "weights.bin"), "rb") as a, open(os.path.join(src, "weights.bin"), "rb") as b:
            assert a.read() == b.read()


DATASET_CARD = """---
license: mit
pretty_name: Tiny reviews
task_categories:
- text-classification
language:
- en
size_categories:
- n<1K
configs:
- config_name: default
  data_files:
  - split: train
    path: data/train.csv
  - split: test
    path: data/test-*.jsonl
---
# Tiny reviews

Short product reviews labelled good or bad.
"""


def datasets():
    import tempfile
    from huggingface_hub import hf_hub_download, snapshot_download
    from huggingface_hub.utils import RepositoryNotFoundError

    repo_id = f"{me}/reviews-{uuid.uuid4().hex[:8]}"
    url = api.create_repo(repo_id, repo_type="dataset")
    assert "/datasets/" in str(url), url
    # a model may have the same name: each kind has its own names
    api.create_repo(repo_id)
    api.upload_file(path_or_fileobj=b"model readme\n", path_in_repo="README.md", repo_id=repo_id)
    with tempfile.TemporaryDirectory() as d:
        os.makedirs(os.path.join(d, "data"))
        files = {
            "README.md": DATASET_CARD.encode(),
            "data/train.csv": b"text,label\ngreat phone,good\nbroke in a day,bad\n\"loves it, really\",good\n",
            "data/test-00000.jsonl": b'{"text": "meh", "label": "bad"}\n{"text": "superb", "label": "good"}\n',
            "data/images.bin": os.urandom(300_000),
        }
        for path, data in files.items():
            with open(os.path.join(d, path), "wb") as f:
                f.write(data)
        api.upload_folder(folder_path=d, repo_id=repo_id, repo_type="dataset")

    info = api.dataset_info(repo_id)
    assert info.id == repo_id and info.card_data.license == "mit", info
    assert {"task_categories:text-classification", "language:en", "size_categories:n<1K", "license:mit", "format:csv", "format:json"} <= set(info.tags), info.tags
    assert {s.rfilename for s in info.siblings} >= set(files), info.siblings
    assert api.model_info(repo_id).card_data is None or api.model_info(repo_id).card_data.license is None  # the model is another repo
    assert api.list_repo_files(repo_id, repo_type="dataset") == sorted([".gitattributes", *files]), api.list_repo_files(repo_id, repo_type="dataset")

    mine = [d.id for d in api.list_datasets(author=me)]
    assert mine.count(repo_id) == 1, mine
    assert [m.id for m in api.list_models(author=me)].count(repo_id) == 1
    def filtered():
        assert repo_id in [d.id for d in api.list_datasets(filter="task_categories:text-classification", author=me)]
    eventually(filtered)
    assert repo_id in [d.id for d in api.list_datasets(task_categories="text-classification", language="en", author=me)]
    assert repo_id not in [d.id for d in api.list_datasets(task_categories="image-classification", author=me)]
    assert repo_id in [d.id for d in api.list_datasets(search=repo_id.split("/")[1])]

    with tempfile.TemporaryDirectory() as d:
        local = snapshot_download(repo_id, repo_type="dataset", local_dir=d)
        for path, data in files.items():
            with open(os.path.join(local, path), "rb") as f:
                assert f.read() == data, path
    with open(hf_hub_download(repo_id, "data/train.csv", repo_type="dataset"), "rb") as f:
        assert f.read() == files["data/train.csv"]

    viewer = get_session().get(f"{api.endpoint}/api/datasets/{repo_id}/viewer", headers=build_hf_headers()).json()
    assert [(s["config"], s["split"]) for s in viewer["splits"]] == [("default", "train"), ("default", "test")], viewer
    assert viewer["shown"]["totalRows"] == 3 and viewer["shown"]["rows"][2] == {"text": "loves it, really", "label": "good"}, viewer["shown"]
    test = get_session().get(f"{api.endpoint}/api/datasets/{repo_id}/viewer?split=test").json()
    assert test["shown"]["columns"] == [{"name": "text", "type": "string"}, {"name": "label", "type": "string"}], test

    api.create_branch(repo_id, branch="dev", repo_type="dataset")
    assert "dev" in [b.name for b in api.list_repo_refs(repo_id, repo_type="dataset").branches]
    assert len(api.list_repo_commits(repo_id, repo_type="dataset")) == 2

    d = other.create_discussion(repo_id, title="Label noise?", repo_type="dataset")
    details = api.get_discussion_details(repo_id, d.num, repo_type="dataset")
    assert details.title == "Label noise?" and details.repo_type == "dataset", details
    pr = other.create_commit(repo_id, [__import__("huggingface_hub").CommitOperationAdd("data/train-extra.csv", b"text,label\nok,good\n")], commit_message="more rows", repo_type="dataset", create_pr=True)
    api.merge_pull_request(repo_id, pr.pr_num, repo_type="dataset")
    assert "data/train-extra.csv" in api.list_repo_files(repo_id, repo_type="dataset")

    get_session().post(f"{api.endpoint}/api/datasets/{repo_id}/like", headers=build_hf_headers(token=os.environ["HF_TOKEN_OTHER"])).raise_for_status()
    assert repo_id in other.list_liked_repos(them).datasets
    assert them in [u.username for u in api.list_repo_likers(repo_id, repo_type="dataset")]

    api.update_repo_settings(repo_id, private=True, repo_type="dataset")
    try:
        other.dataset_info(repo_id)
        raise AssertionError("a private dataset was visible to another user")
    except RepositoryNotFoundError:
        pass
    other.model_info(repo_id)  # the model of the same name is still public

    moved = f"{me}/reviews-moved-{uuid.uuid4().hex[:6]}"
    api.move_repo(repo_id, moved, repo_type="dataset")
    assert api.dataset_info(moved).id == moved
    assert api.dataset_info(repo_id).id == moved  # the old name redirects
    api.delete_repo(moved, repo_type="dataset")
    try:
        api.dataset_info(moved)
        raise AssertionError("a deleted dataset answered")
    except RepositoryNotFoundError:
        pass
    assert api.model_info(repo_id).id == repo_id


def profiles():
    from huggingface_hub.utils import GatedRepoError, RepositoryNotFoundError

    repo = new_repo("profiled")
    ds = f"{me}/rows-{uuid.uuid4().hex[:8]}"
    api.create_repo(ds, repo_type="dataset")
    private = f"{me}/hidden-{uuid.uuid4().hex[:8]}"
    api.create_repo(private, private=True)
    get_session().post(f"{api.endpoint}/api/models/{repo}/like", headers=other._build_hf_headers()).raise_for_status()

    mine = api.get_user_overview(me)
    assert mine.username == me and mine.num_models == 2 and mine.num_datasets == 1 and mine.user_type == "user", vars(mine)
    seen = other.get_user_overview(me)
    assert seen.num_models == 1, vars(seen)  # the private model is not counted for others
    assert other.get_user_overview(them).num_likes == 1
    assert list(api.list_user_followers(me)) == [] and list(api.list_user_following(me)) == []

    tags = api.get_dataset_tags()
    assert any(t["id"] == "task_categories:text-classification" for t in tags["task_categories"])
    assert any(t["id"] == "size_categories:n<1K" for t in tags["size_categories"])
    assert list(api.list_spaces(author=me)) == []

    api.auth_check(repo)
    api.auth_check(ds, repo_type="dataset", write=True)
    try:
        other.auth_check(ds, repo_type="dataset", write=True)
        raise AssertionError("write access checked for another user")
    except HfHubHTTPError as e:
        assert e.response.status_code == 403
    try:
        other.auth_check(private)
        raise AssertionError("a private repo answered")
    except RepositoryNotFoundError:
        pass
    api.update_repo_settings(ds, gated="manual", repo_type="dataset")
    try:
        other.auth_check(ds, repo_type="dataset")
        raise AssertionError("a gated dataset let a stranger in")
    except GatedRepoError as e:
        assert "dataset" in str(e), str(e)
    try:
        api.get_user_overview(f"nobody-{uuid.uuid4().hex[:6]}")
        raise AssertionError("a missing user answered")
    except HfHubHTTPError as e:
        assert e.response.status_code == 404


SCENARIOS = {f.__name__: f for f in [profiles, datasets, cli, move, webhooks, discussions, pull_requests, likes, access_requests, tags_and_listing, duplicate_and_squash, security_status, refusals]}

if __name__ == "__main__":
    name = sys.argv[1]
    SCENARIOS[name]()
    print(f"ok {name}")
