"""已公开的记录被删除。

已经主动公开的政府信息不能悄悄消失：公众、引用它的解读和会议决定、外部链接都依赖它的页面。
需要停止公开时应撤回而不是删除文件：在记录中加上 `withdrawn: {date: 撤回日期, reason: 撤回原因}`，
页面保留标题、索引号和“已撤回，原因：……”的说明，正文和附件从所有输出中删除，引用仍然有效。
只在 `gongkai check --base 版本` 时检查：该版本中已公开（主动公开且发布日期不晚于今天）的记录，
现在没有对应的文件（按记录类型和 id 对应，改扩展名不算删除）。从未公开过的记录可以直接删除。
"""

from ..findings import Citation
from ..history import was_public
from .base import Hit, Rule
from .examples import policy

RULE = Rule(
    code="GK212", name="published-record-deleted", title="已公开记录被删除", severity="error",
    citation=Citation("中华人民共和国政府信息公开条例", "第二十三条",
                      "行政机关应当建立健全政府信息发布机制，将主动公开的政府信息通过政府公报、政府网站或者政务新媒体、"
                      "新闻发布会以及报刊、广播、电视等途径予以公开。"),
    explanation=__doc__,
    fail_example={"BASE:content/policies/fangxun.yml": policy(mark="title")},
    pass_example={"BASE:content/policies/fangxun.yml": policy(),
                  "content/policies/fangxun.yml": policy(
                      withdrawn="\n  date: 2026-11-20\n  reason: 文件内容有误，已另行印发更正后的通知")},
)


def _file_exists(site, type_: str, id_: str) -> bool:
    folder = site.root / "content" / type_
    return any((folder / f"{id_}{suffix}").is_file() for suffix in (".yml", ".yaml"))


def check_site(site):
    from ..site import SourceFile

    for (type_, id_), old in sorted((site.baseline or {}).items()):
        if not was_public(old.data, site.today) or _file_exists(site, type_, id_):
            continue
        title = old.data.get("title") if isinstance(old.data.get("title"), str) else id_
        yield Hit((), f"已公开的记录“{title}”（{old.relpath}）被删除：已公开的政府信息不能悄悄消失。请恢复该文件并改为撤回："
                      f"加上 withdrawn: {{date: 撤回日期, reason: 撤回原因}}，页面保留标题、索引号和撤回说明，正文和附件不再公开",
                  record=SourceFile(old.relpath, None, []))
