"""``gongkai init DIR``: create a content repository that checks and builds clean.

Writes a starter ``site_config.yml`` (the fictional 示例县), one record of each type, the JSON
Schema, CI files for GitHub Actions and GitLab CI, a pre-commit hook, README and .gitignore; then
runs ``git init`` when git is available. Refuses (exit 2) when DIR exists and is not empty.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..cli import iso_day
from .. import scaffold
from ..provenance import provenance



def add_parser(subparsers, site_args) -> None:
    p = subparsers.add_parser(
        "init", help="新建一个公开内容仓库（含示例配置、示例记录和 CI 文件）",
        description="新建一个公开内容仓库：站点配置 site_config.yml（虚构的示例县）、每类一条示例记录、"
                    "编辑器用的 JSON Schema、GitHub Actions 和 GitLab CI 的检查与发布配置、pre-commit 钩子、"
                    "README.md 和 .gitignore；有 git 时执行 git init。目录已存在且不为空时不做任何修改。"
                    "退出码：0 成功，2 无法新建。")
    p.add_argument("dir", type=Path, metavar="目录", help="新仓库的目录（不存在或为空）")
    p.add_argument("--today", type=iso_day, default=None, metavar="YYYY-MM-DD",
                   help="以此日期为今天（示例记录的日期按它推算，默认系统日期）")
    p.add_argument("--no-git", action="store_true", help="不执行 git init")


def run(args) -> int:
    from ..cli import UsageError

    try:
        made = scaffold.init_site(args.dir, args.today or date.today(), git=not args.no_git)
    except scaffold.ScaffoldError as exc:
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
