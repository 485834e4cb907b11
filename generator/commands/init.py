"""``gongkai init DIR``: create a content repository that checks and builds clean.

Writes a starter ``site_config.yml`` (the fictional 示例县), one record of each type rendered
through the same templates as ``gongkai new``, the JSON Schema, CI files for GitHub Actions and
GitLab CI, a pre-commit hook, README and .gitignore; then runs ``git init`` when git is available.
Refuses (exit 2) when DIR exists and is not empty. All or nothing: the files are written into a
temporary directory beside DIR, which then takes its place.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

from .. import models
from ..cli import iso_day
from ..identifiers import credit_code_check_char
from ..provenance import provenance
from ..record_template import SCAFFOLD_DIR, scaffold_env
from ..schema import SCHEMA_DIR, schema_filename
from ..site import CONFIG_FILE, CONTENT_DIR
from .new import NewOptions, NewRecord, ScaffoldError, new_record, refresh_schemas

COPIED = {
    "github-workflow.yml": ".github/workflows/gongkai.yml",
    "gitlab-ci.yml": ".gitlab-ci.yml",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "gitignore": ".gitignore",
    "vscode-extensions.json": ".vscode/extensions.json",
    "codeowners": ".github/CODEOWNERS",
}
CODEOWNERS_ALSO = ".gitlab/CODEOWNERS"
"""GitLab reads CODEOWNERS from .gitlab/ (GitHub from .github/): the same file goes to both."""
"""Files copied as they are (their names in the package have no leading dot, so that package-data
globs find them) → where they go in a new repository."""
RENDERED = {"site_config.yml.j2": CONFIG_FILE, "README.md.j2": "README.md"}

STARTER_REGION = "629901"
STARTER_ORGS = (
    # id, name, 9-character organization code, doc prefixes
    ("xzf", "示例县人民政府", "MB0000010", ["示政发", "示政函"]),
    ("xzfb", "示例县人民政府办公室", "MB0000029", ["示政办发", "示政办函"]),
    ("fgj", "示例县发展和改革局", "MB0000037", ["示发改发"]),
    ("czj", "示例县财政局", "MB0000045", ["示财发"]),
    ("swj", "示例县水务局", "MB0000053", ["示水发"]),
    ("sfj", "示例县司法局", "MB0000061", ["示司发"]),
)


def starter_credit_code(org_code: str) -> str:
    """A 统一社会信用代码 of the fictional county (GB 32100-2015): 1 机构编制, 1 机关, the region
    code, the organization code and the computed check character."""
    first17 = f"11{STARTER_REGION}{org_code}"
    return first17 + credit_code_check_char(first17)


def _weekday_on_or_before(d: date) -> date:
    while d.weekday() >= 5:
        d -= timedelta(days=1)
    return d


def _weekday_on_or_after(d: date) -> date:
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


def starter_dates(today: date) -> dict[str, date]:
    """Dates of the starter records, all before ``today`` and inside every deadline."""
    meeting = _weekday_on_or_before(today - timedelta(days=14))
    written = _weekday_on_or_after(meeting + timedelta(days=2))
    published = _weekday_on_or_after(written + timedelta(days=1))
    assigned = _weekday_on_or_before(today - timedelta(days=100))
    replied = _weekday_on_or_after(assigned + timedelta(days=40))
    return {
        "review": _weekday_on_or_before(meeting - timedelta(days=5)),
        "meeting": meeting,
        "written": written,
        "published": min(published, today),
        "decision_published": min(_weekday_on_or_after(meeting + timedelta(days=3)), today),
        "assigned": assigned,
        "replied": replied,
        "proposal_published": min(_weekday_on_or_after(replied + timedelta(days=3)), today),
    }


def _load_starter() -> dict:
    return yaml.safe_load((SCAFFOLD_DIR / "starter.yml").read_text(encoding="utf-8"))


def starter_records(today: date) -> list[tuple[str, NewOptions]]:
    """The four starter records, in the order they are written (the interpretation and the
    decision refer to the policy)."""
    texts = _load_starter()
    d = starter_dates(today)
    policy_id = f"{d['published'].year}-001"
    p, i, m, q = texts["policy"], texts["interpretation"], texts["decision"], texts["proposal"]
    doc_no = p["doc_no"].format(year=d["written"].year)
    items = [dict(item) for item in m["items"]]
    for item in items:
        if item.pop("documents_policy", False):
            item["documents"] = [policy_id]
        item["title"] = item["title"].format(policy_title=p["title"])
        if item.get("summary"):
            item["summary"] = item["summary"].format(policy_title=p["title"])
    return [
        ("policies", NewOptions(
            id=policy_id, title=p["title"], issuer=[p["issuer"]], kind=p["kind"], doc_no=doc_no, date=d["published"],
            values={"written": d["written"], "topic": p["topic"], "body": p["body"],
                    "legality_review": {"date": d["review"], "result": "合法"}})),
        ("interpretations", NewOptions(
            interprets=policy_id, publisher=i["publisher"], date=d["published"],
            values={"form": i["form"], "interpreter": i["interpreter"], "body": i["body"]})),
        ("decisions", NewOptions(
            meeting_type=m["meeting_type"], publisher=m["publisher"], date=d["decision_published"],
            values={"topic": m["topic"], "body": m["body"], "items": items,
                    "meeting": {"date": d["meeting"]}})),
        ("proposals", NewOptions(
            title=q["title"], proposal_kind=q["kind"], session=q["session"], lead=q["lead"], date=d["proposal_published"],
            values={"number": q["number"], "proposers": q["proposers"], "co": q["co"], "topic": q["topic"],
                    "assigned": d["assigned"], "replied": d["replied"], "result": q["result"],
                    "satisfaction": q["satisfaction"], "reply_disclosure": q["reply_disclosure"], "reply": q["reply"]})),
    ]


def _starter_config_context() -> dict:
    orgs = [{"id": oid, "name": name, "credit_code": starter_credit_code(code), "doc_prefixes": prefixes}
            for oid, name, code, prefixes in STARTER_ORGS]
    deadlines = [(name, info.default, info.description or info.title)
                 for name, info in models.Deadlines.model_fields.items()]
    return {"organizations": orgs, "government_credit_code": orgs[0]["credit_code"], "region_code": STARTER_REGION,
            "deadlines": deadlines,
            "schema_dir": SCHEMA_DIR, "schema_file": schema_filename("site_config")}


@dataclass
class InitResult:
    root: Path
    files: list[Path]
    records: list[NewRecord]
    git: str | None
    """None: a git repository was created; otherwise why not."""


def init_site(directory: Path, today: date, *, git: bool = True) -> InitResult:
    """Create a content repository in ``directory`` (absent or empty). All or nothing: the files are
    written into a temporary directory beside it, which then takes its place."""
    directory = Path(directory)
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise ScaffoldError(f"{directory} 已存在且不是空目录，未做任何修改；请指定一个新目录")
    parent = directory.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{directory.name}.init-", dir=parent))
    try:
        written = _write_site(work, today)
        if directory.exists():  # empty (perhaps the current directory): move the files in
            for child in work.iterdir():
                child.rename(directory / child.name)
            work.rmdir()
        else:
            work.rename(directory)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    records = []
    for rec in written:
        rec.path = directory / rec.path.relative_to(work)
        records.append(rec)
    files = sorted(p for p in directory.rglob("*") if p.is_file())
    return InitResult(directory, files, records, _git_init(directory) if git else "未要求（--no-git）")


def pin_gongkai(text: str) -> str:
    """Name the exact gongkai that creates the repository in its CI files: the ``@GONGKAI_PACKAGE_PIN@``
    marker (inside a '…' or "…" string) becomes its pip requirement (:mod:`generator.provenance`), or
    stays empty when it has none, and ``@GONGKAI_VERSION@`` its version. Never a bare package name."""
    origin = provenance()
    pin = origin.requirement or ""
    return (text.replace("'@GONGKAI_PACKAGE_PIN@'", "'" + pin.replace("'", "''") + "'")
            .replace('"@GONGKAI_PACKAGE_PIN@"', json.dumps(pin, ensure_ascii=False))
            .replace("@GONGKAI_VERSION@", origin.version))


def _write_site(root: Path, today: date) -> list[NewRecord]:
    env = scaffold_env()
    context = _starter_config_context()
    for template, target in RENDERED.items():
        text = env.get_template(template).render(**context, today=today)
        (root / target).write_text(text, encoding="utf-8", newline="\n")
    for source, target in COPIED.items():
        dest = root / target
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(pin_gongkai((SCAFFOLD_DIR / source).read_text(encoding="utf-8")), encoding="utf-8", newline="\n")
    (root / CODEOWNERS_ALSO).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(root / COPIED["codeowners"], root / CODEOWNERS_ALSO)
    (root / CONTENT_DIR / "attachments").mkdir(parents=True, exist_ok=True)
    (root / CONTENT_DIR / "attachments" / ".gitkeep").write_text("", encoding="utf-8")
    records = [new_record(root, type_, today, opts, refresh_schema=False) for type_, opts in starter_records(today)]
    refresh_schemas(root)
    return records


def _git_init(root: Path) -> str | None:
    git = shutil.which("git")
    if git is None:
        return "没有找到 git"
    try:
        subprocess.run([git, "init", "-q"], cwd=root, check=True, capture_output=True, timeout=60)
        subprocess.run([git, "symbolic-ref", "HEAD", "refs/heads/main"], cwd=root, check=True,
                       capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"git init 失败：{exc}"
    return None


# ---------------------------------------------------------------- command


HELP = "新建一个公开内容仓库（含示例配置、示例记录和 CI 文件）"
DESCRIPTION = (
    "新建一个公开内容仓库：站点配置 site_config.yml（虚构的示例县）、每类一条示例记录、"
    "编辑器用的 JSON Schema、GitHub Actions 和 GitLab CI 的检查与发布配置、pre-commit 钩子、"
    "README.md 和 .gitignore；有 git 时执行 git init。目录已存在且不为空时不做任何修改。"
    "退出码：0 成功，2 无法新建。"
)


def add_arguments(p, site_args) -> None:
    p.add_argument("dir", type=Path, metavar="目录", help="新仓库的目录（不存在或为空）")
    p.add_argument("--today", type=iso_day, default=None, metavar="YYYY-MM-DD",
                   help="以此日期为今天（示例记录的日期按它推算，默认系统日期）")
    p.add_argument("--no-git", action="store_true", help="不执行 git init")


def run(args) -> int:
    from ..cli import UsageError

    try:
        made = init_site(args.dir, args.today or date.today(), git=not args.no_git)
    except ScaffoldError as exc:
        raise UsageError(f"未新建仓库：{exc}") from None
    root = made.root
    print(f"已新建公开内容仓库：{root}")
    print("  site_config.yml                 站点配置（虚构的示例县：请改为本级政府、机构和领导）")
    for rec in made.records:
        print(f"  {rec.path.relative_to(root).as_posix():<31} 示例记录")
    print("  schema/                         编辑器提示用的 JSON Schema（gongkai new 会自动更新）")
    print("  .github/workflows/gongkai.yml   GitHub Actions：合并请求时检查，main 分支生成并发布站点")
    print("  .gitlab-ci.yml                  GitLab CI：合并请求时检查，默认分支发布到 GitLab Pages")
    print("  .pre-commit-config.yaml         提交前检查（pre-commit）")
    print("  .github/CODEOWNERS              site_config.yml 和 CI 文件的改动须经指定人员审核（.gitlab/ 下同一份）")
    print("  README.md                       发布流程说明")
    if made.git is None:
        print("已执行 git init（分支 main），尚未提交。")
    else:
        print(f"未执行 git init：{made.git}")
    print()
    print("下一步：")
    print(f"  1. cd {root}")
    print("  2. 修改 site_config.yml：网站名称和地址、本级政府、机构（统一社会信用代码）、领导及 AB 岗；")
    print("     把 sample_data 改为 false，删去或替换 content/ 下的示例记录")
    print("  3. gongkai check            按工作规则检查")
    print("  4. gongkai serve            本地预览（http://127.0.0.1:8000）")
    print("  5. gongkai new policy       新建一条记录（另有 interpretation、decision、proposal）")
    print("  6. git add -A && git commit -m \"新建公开内容仓库\"，推送到 GitHub 或 GitLab；")
    pin = provenance().requirement
    if pin:
        print(f"     CI 安装生成本仓库的 gongkai：{pin}（见 README.md）")
    else:
        print("     在 CI 变量 GONGKAI_PACKAGE 中写明 gongkai 的安装地址（本机的 gongkai 从本地目录安装，"
              "没有可写入 CI 的来源；见 README.md）")
    return 0
