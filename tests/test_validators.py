"""Every output passes the validators its consumers use (issue 10).

The built sample site (the session's ``sample_site``), ``check``'s SARIF and annotations, and the
files ``gongkai init`` writes are run through third-party validators, installed as test
dependencies, with nothing fetched at run time: html5lib (strict HTML parsing) and the Nu HTML
checker (npm's vnu-jar, run with Java: scripts/env.sh installs it, .ci/run installs Java and npm),
feedparser, the sitemaps.org XSD with lxml, the SARIF 2.1.0 JSON Schema with jsonschema plus the
fields GitHub code scanning reads, check-jsonschema's vendored GitHub-workflow and GitLab-CI
schemas, pre-commit's own config check, and LinkChecker on the served site. (actionlint and the W3C
feed validator are not installable from the package index.) Expectations come from the YAML
records, not from the generator's code.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import html5lib
import jsonschema
import pytest
import yaml
from lxml import etree

from generator.rules.examples import policy

from .conftest import REPO, TODAY

SCHEMAS = Path(__file__).parent / "fixtures" / "schemas"
VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CONFIG = yaml.safe_load((REPO / "site_config.yml").read_text(encoding="utf-8"))
BASE_URL = CONFIG["site"]["base_url"].rstrip("/") + "/"
RECORD_TYPES = ("policies", "interpretations", "decisions", "proposals", "reports")


def _cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("GONGKAI_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=300)


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def _records() -> dict[str, dict[str, dict]]:
    return {t: {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
                for p in sorted((REPO / "content" / t).glob("*.yml"))} for t in RECORD_TYPES}


# =============================================================================== HTML (item 6)


def test_every_page_parses_as_html5_without_errors(sample_site):
    pages = _pages(sample_site)
    assert len(pages) > 100 and (sample_site / "404.html") in pages
    failures = []
    for page in pages:
        parser = html5lib.HTMLParser(strict=False)
        parser.parse(page.read_bytes())
        failures += [f"{page.relative_to(sample_site)}: {code} {data}" for _, code, data in parser.errors]
    assert not failures, "\n".join(failures[:20])


def _nu_checker() -> tuple[str, Path]:
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        message = ("the Nu HTML checker needs Java and npm's vnu-jar (scripts/env.sh installs it; "
                   "apt-get install default-jre-headless npm)")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return java, VNU


def test_every_page_passes_the_nu_html_checker(sample_site):
    java, jar = _nu_checker()
    proc = subprocess.run([java, "-Xss4m", "-jar", str(jar), "--errors-only", "--format", "json",
                           *map(str, _pages(sample_site))], capture_output=True, text=True, timeout=600)
    messages = json.loads(proc.stderr or proc.stdout)["messages"]
    errors = [f"{m.get('url', '').rsplit(str(sample_site), 1)[-1]}:{m.get('lastLine')} {m['message']}"
              for m in messages if m["type"] == "error" or m.get("subType") == "fatal"]
    assert not errors, "\n".join(errors[:20])


def test_home_title_names_the_site_once(sample_site):
    title = re.search(r"<title>(.*?)</title>", (sample_site / "index.html").read_text(encoding="utf-8")).group(1)
    assert title == CONFIG["site"]["title"]
    page = (sample_site / "guide" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<title>(.*?)</title>", page).group(1) == f"政府信息公开指南 - {CONFIG['site']['title']}"


def test_no_form_has_an_empty_action(sample_site):
    for page in _pages(sample_site):
        assert 'action=""' not in page.read_text(encoding="utf-8"), page.relative_to(sample_site)


# =============================================================================== feeds, data, discovery (items 2-4)


def test_feeds_parse_cleanly_with_feedparser(sample_site):
    feeds = sorted(p for p in (sample_site / "feeds").glob("*.xml") if p.name != "sitemap.xml")  # the feeds' own sitemap
    assert {f.stem for f in feeds} == {"all", *RECORD_TYPES}
    for path in feeds:
        feed = feedparser.parse(path.read_bytes())
        assert feed.bozo == 0, (path.name, feed.get("bozo_exception"))
        assert feed.version == "atom10"
        assert feed.feed.links[0].href == f"{BASE_URL}feeds/{path.name}"
        assert feed.entries, path.name
        for entry in feed.entries:
            assert entry.id and entry.link.startswith(BASE_URL) and entry.updated_parsed and entry.published_parsed


def _expected_updated(rec: dict) -> date:
    """From the YAML alone: the latest of published, change dates, repeal and expiry (before today)."""
    days = [rec["published"], *(c["date"] for c in rec.get("changes", []))]
    days += [rec[k] for k in ("repealed_on", "expires", "effective") if k in rec]
    return max(d for d in days if d <= TODAY)


def test_feeds_and_sitemap_dates_follow_changes_repeal_and_expiry(sample_site):
    policies = _records()["policies"]
    changed = {i for i, r in policies.items() if r.get("changes")}
    repealed = {i for i, r in policies.items() if r.get("repealed_on")}
    expired = {i for i, r in policies.items() if r.get("expires") and r["expires"] < TODAY}
    assert changed and repealed and expired, "the sample lost its amended, repealed or expired policy"
    feed = feedparser.parse((sample_site / "feeds" / "policies.xml").read_bytes())
    updated = {e.link.rstrip("/").rsplit("/", 1)[1]: e.updated[:10] for e in feed.entries}
    sitemap = etree.parse(str(sample_site / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    lastmod = {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns)
               for u in sitemap.getroot().findall("s:url", ns)}
    for pid in sorted(changed | repealed | expired):
        want = _expected_updated(policies[pid]).isoformat()
        assert want != policies[pid]["published"].isoformat(), pid
        assert updated[pid] == want, pid
        assert lastmod[f"{BASE_URL}policies/{pid}/"] == want, pid
    # newest change first, and a stable order among entries of one day
    stamps = [e.updated for e in feed.entries]
    assert stamps == sorted(stamps, reverse=True)


def test_sitemap_passes_the_sitemaps_org_schema(sample_site):
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap.xsd")))
    for doc in (etree.parse(str(sample_site / "sitemap.xml")),
                etree.fromstring(gzip.decompress((sample_site / "sitemap.xml.gz").read_bytes())).getroottree()):
        assert schema.validate(doc), schema.error_log
    assert "robots.txt" not in (sample_site / "sitemap.xml").read_text(encoding="utf-8")


def test_robots_txt_names_the_sitemap(sample_site):
    lines = (sample_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {BASE_URL}sitemap.xml" in lines
    assert "User-agent: *" in lines and "Disallow: /" not in lines


def test_home_and_column_pages_link_their_feeds(sample_site):
    def alternates(rel: str) -> set[str]:
        html = (sample_site / rel).read_text(encoding="utf-8")
        tags = re.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]*>', html)
        return {urljoin(f"{BASE_URL}{rel}", re.search(r'href="([^"]+)"', t).group(1)) for t in tags}

    assert alternates("index.html") == {f"{BASE_URL}feeds/{n}.xml" for n in ("all", *RECORD_TYPES)}
    for t in RECORD_TYPES:
        assert alternates(f"{t}/index.html") == {f"{BASE_URL}feeds/{t}.xml"}, t
        assert alternates(f"{t}/year/2025/index.html") == {f"{BASE_URL}feeds/{t}.xml"}, t
    for feed in ("all", *RECORD_TYPES):
        assert (sample_site / "feeds" / f"{feed}.xml").is_file()


def test_open_data_page_lists_every_feed_and_dataset_with_fields(sample_site):
    html = (sample_site / "data" / "index.html").read_text(encoding="utf-8")
    links = {urljoin(f"{BASE_URL}data/", h) for h in re.findall(r'href="([^"]+)"', html)}
    wanted = {f"{BASE_URL}feeds/{n}.xml" for n in ("all", *RECORD_TYPES)}
    wanted |= {f"{BASE_URL}api/index.json", f"{BASE_URL}api/proposals.csv", f"{BASE_URL}sitemap.xml"}
    assert wanted <= links, wanted - links
    index = json.loads((sample_site / "api" / "index.json").read_text(encoding="utf-8"))
    for key in index["records"][0]:
        assert f"<code>{key}</code>" in html, key
    for t in RECORD_TYPES:
        twin = json.loads(next((sample_site / "api" / t).glob("*.json")).read_text(encoding="utf-8"))
        assert f"<code>api/{t}/</code>" in html
        for key in twin:
            assert f"<code>{key}</code>" in html, (t, key)
    header = next(csv.reader(io.StringIO((sample_site / "api" / "proposals.csv").read_text(encoding="utf-8-sig"))))
    assert "、".join(header) in html
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert 'href="data/"' in home


def _data_urls(site: Path) -> list[tuple[str, str]]:
    """(document, URL) for every URL in the JSON and CSV outputs."""
    found = []
    index = json.loads((site / "api" / "index.json").read_text(encoding="utf-8"))
    for rec in index["records"]:
        found += [("api/index.json", rec["url"]), ("api/index.json", rec["json"])]
    for path in sorted((site / "api").glob("*/*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        rel = path.relative_to(site).as_posix()
        found.append((rel, doc["url"]))
        found += [(rel, a["url"]) for a in doc.get("attachments", [])]
    rows = list(csv.DictReader(io.StringIO((site / "api" / "proposals.csv").read_text(encoding="utf-8-sig"))))
    found += [("api/proposals.csv", row["网址"]) for row in rows]
    return found


def test_every_url_in_the_json_and_csv_outputs_resolves_for_a_client(sample_site, site_url):
    urls = _data_urls(sample_site)
    assert len(urls) > 300
    bad = []
    for document, url in urls:
        resolved = urljoin(BASE_URL + document, url)  # as any client resolves it against the file's own URL
        if not resolved.startswith(BASE_URL):
            bad.append((document, url, "outside the site"))
            continue
        served = site_url.rstrip("/") + "/" + resolved[len(BASE_URL):]
        try:
            with urllib.request.urlopen(served, timeout=30) as resp:
                status = resp.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        if status != 200:
            bad.append((document, url, status))
    assert not bad, bad[:10]


def test_linkchecker_finds_no_broken_link_on_the_served_site(site_url):
    """LinkChecker crawls the served sample site from its home page: every internal link, asset,
    feed and data file a page names answers."""
    linkchecker = Path(sys.executable).parent / "linkchecker"
    proc = subprocess.run([str(linkchecker), "--no-status", "--no-warnings", "--output", "csv", site_url],
                          capture_output=True, text=True, timeout=900)
    rows = [r for r in csv.reader(io.StringIO(proc.stdout), delimiter=";") if r and not r[0].startswith("#")]
    broken = [r[:4] for r in rows[1:]]  # with --no-warnings only failures are written
    assert proc.returncode == 0 and not broken, (broken[:10], proc.stderr[-2000:])


# =============================================================================== SARIF and annotations (item 5)


@pytest.fixture(scope="module")
def nested_repo(tmp_path_factory) -> Path:
    """A git repository whose site lives in a subfolder, with one finding."""
    from .conftest import lay_site

    repo = tmp_path_factory.mktemp("repo")
    lay_site(repo / "zwgk", {"content/policies/fangxun.yml": policy(published="2026-07-20")})
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(repo)], check=True, timeout=60)
    return repo


def test_sarif_passes_the_schema_and_has_what_code_scanning_reads(nested_repo):
    if not shutil.which("git"):
        (pytest.fail if os.environ.get("CI") == "true" else pytest.skip)("git is needed for a repository")
    proc = _cli("check", "--root", str(nested_repo / "zwgk"), "--today", TODAY.isoformat(), "--format", "sarif")
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    schema = json.loads((SCHEMAS / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(doc)
    # GitHub code scanning: the fields its upload reads (docs "SARIF support for code scanning")
    assert doc["version"] == "2.1.0" and doc["$schema"]
    [run] = doc["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "gongkai" and driver["version"]
    assert urlsplit(driver["informationUri"]).scheme
    for rule in driver["rules"]:
        assert rule["id"] and rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"].strip()
        assert urlsplit(rule["helpUri"]).scheme and rule["helpUri"].endswith(f"rules.md#{rule['id'].lower()}")
    declared = set(run.get("originalUriBaseIds", {}))
    assert run["results"]
    for result in run["results"]:
        assert result["ruleId"] and result["message"]["text"] and result["partialFingerprints"]
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        artifact = location["artifactLocation"]
        assert artifact.get("uriBaseId") is None or artifact["uriBaseId"] in declared
        assert location["region"]["startLine"] >= 1
        # relative to the repository root, so the alert lands on the file
        assert not urlsplit(artifact["uri"]).scheme and (nested_repo / artifact["uri"]).is_file(), artifact["uri"]
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "zwgk/content/policies/fangxun.yml"


def test_github_annotations_name_files_from_the_repository_root(nested_repo):
    if not shutil.which("git"):
        (pytest.fail if os.environ.get("CI") == "true" else pytest.skip)("git is needed for a repository")
    proc = _cli("check", "--root", str(nested_repo / "zwgk"), "--today", TODAY.isoformat(), "--format", "github")
    line = proc.stdout.splitlines()[0]
    assert line.startswith("::error file=zwgk/content/policies/fangxun.yml,line=3,col=12,"), line
    proc = _cli("check", "--today", TODAY.isoformat(), "--format", "github", cwd=nested_repo / "zwgk")
    assert proc.stdout.splitlines()[0].startswith("::error file=zwgk/content/policies/fangxun.yml,")


# =============================================================================== gongkai init (item 8)


class _Yaml12(yaml.SafeLoader):
    """YAML as an editor's language server reads it (YAML 1.2 core): a date stays a string."""


_Yaml12.yaml_implicit_resolvers = {k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
                                   for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _check_jsonschema(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", *args], capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def initialized(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("init") / "zwgk"
    proc = _cli("init", str(root), "--no-git", "--today", TODAY.isoformat())
    assert proc.returncode == 0, proc.stderr
    return root


def test_init_yaml_passes_the_json_schemas_it_names(initialized):
    """What an editor checks on day one: every file with a yaml-language-server modeline, and
    site_config.yml, against the repository's own JSON Schema."""
    files = [initialized / "site_config.yml", *sorted((initialized / "content").rglob("*.yml"))]
    assert len(files) == 5
    for path in files:
        text = path.read_text(encoding="utf-8")
        named = re.search(r"yaml-language-server: \$schema=(\S+)", text)
        schema_path = (path.parent / named.group(1)) if named else initialized / "schema" / "site_config.schema.json"
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in jsonschema.Draft202012Validator(schema).iter_errors(yaml.load(text, Loader=_Yaml12))]
        assert not errors, (path.relative_to(initialized).as_posix(), errors)
    proc = _check_jsonschema("--schemafile", str(initialized / "schema" / "site_config.schema.json"),
                             str(initialized / "site_config.yml"))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_init_pre_commit_config_is_valid(initialized):
    proc = subprocess.run([str(Path(sys.executable).parent / "pre-commit"), "validate-config", ".pre-commit-config.yaml"],
                          cwd=initialized, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("builtin, rel", [("vendor.github-workflows", ".github/workflows/gongkai.yml"),
                                          ("vendor.gitlab-ci", ".gitlab-ci.yml")])
def test_init_ci_files_pass_their_published_schemas(initialized, builtin, rel):
    proc = _check_jsonschema("--builtin-schema", builtin, str(initialized / rel))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _pip_installs(root: Path) -> list[str]:
    lines = []
    for rel in (".github/workflows/gongkai.yml", ".gitlab-ci.yml"):
        lines += [ln.strip() for ln in (root / rel).read_text(encoding="utf-8").splitlines()
                  if "pip install" in ln and not ln.lstrip().startswith("#")]
    return lines


def test_init_ci_never_installs_gongkai_by_bare_name(initialized):
    installs = _pip_installs(initialized)
    # GitHub: check, the daily duties job and build each install it; GitLab: once, for every job
    assert len(installs) >= 3 and installs[-1] == '- pip install "$GONGKAI_PACKAGE"'
    assert set(installs[:-1]) == {'pip install "$GONGKAI_PACKAGE"'}
    # without a source (this checkout is installed from a local folder) the install step stops
    workflow = yaml.safe_load((initialized / ".github" / "workflows" / "gongkai.yml").read_text(encoding="utf-8"))
    step = next(s["run"] for s in workflow["jobs"]["check"]["steps"] if "pip install" in s.get("run", ""))
    guard = step.splitlines()[0]
    proc = subprocess.run(["bash", "-c", guard], env={"PATH": os.environ["PATH"], "GONGKAI_PACKAGE": ""},
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "GONGKAI_PACKAGE" in proc.stdout


def test_init_pins_the_exact_gongkai_that_created_it(tmp_path, monkeypatch):
    from generator import provenance
    from generator.commands import init

    commit = "0123456789abcdef0123456789abcdef01234567"
    monkeypatch.setattr(provenance, "_direct_url", lambda: {
        "url": "https://git.example.org/zwgk/gongkai.git", "vcs_info": {"vcs": "git", "commit_id": commit}})
    provenance.provenance.cache_clear()
    try:
        init.init_site(tmp_path / "zwgk", TODAY, git=False)
        help_url = provenance.rule_help_url("GK105")
    finally:
        provenance.provenance.cache_clear()
    pin = f"gongkai @ git+https://git.example.org/zwgk/gongkai.git@{commit}"
    workflow = yaml.safe_load((tmp_path / "zwgk" / ".github" / "workflows" / "gongkai.yml").read_text(encoding="utf-8"))
    assert workflow["env"]["GONGKAI_PACKAGE"] == f"${{{{ vars.GONGKAI_PACKAGE || '{pin}' }}}}"
    gitlab = yaml.safe_load((tmp_path / "zwgk" / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["variables"]["GONGKAI_PACKAGE"] == pin
    assert help_url == f"https://git.example.org/zwgk/gongkai/blob/{commit}/docs/rules.md#gk105"
    for builtin, rel in (("vendor.github-workflows", ".github/workflows/gongkai.yml"), ("vendor.gitlab-ci", ".gitlab-ci.yml")):
        proc = _check_jsonschema("--builtin-schema", builtin, str(tmp_path / "zwgk" / rel))
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_an_archive_install_is_pinned_by_its_hash(monkeypatch):
    from generator import provenance

    monkeypatch.setattr(provenance, "_direct_url", lambda: {
        "url": "https://dist.example.org/gongkai-0.1.0-py3-none-any.whl",
        "archive_info": {"hashes": {"sha256": "ab" * 32}}})
    provenance.provenance.cache_clear()
    try:
        assert provenance.provenance().requirement == \
            f"gongkai @ https://dist.example.org/gongkai-0.1.0-py3-none-any.whl#sha256={'ab' * 32}"
    finally:
        provenance.provenance.cache_clear()
