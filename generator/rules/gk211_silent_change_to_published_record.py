"""已公开的记录改了实质内容，却没有在更新记录中写明。

已经主动公开的信息变更后，应在 changes（更新记录）中新增一条，写明日期和变更内容及理由；
公众从页面的“更新记录”看到什么时候改了什么，已公开的内容不能悄悄改动。
只在 `gongkai check --base 版本` 时检查：与该版本相比，除 changes 和 waivers 外任一字段改变，
而 changes 没有新增条目，即报告。
"""

from ..findings import Citation
from .. import vocab
from .base import Hit, Rule
from .examples import policy

IGNORED = ("changes", "waivers")
CHANGED = policy(title="示例县关于做好2026年防汛抗旱工作的通知", mark="title")

RULE = Rule(
    code="GK211", name="silent-change-to-published-record", title="已公开记录悄悄修改", severity="error",
    citation=Citation("中华人民共和国政府信息公开条例", "第二十六条",
                      "属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。"),
    explanation=__doc__,
    applies_to=("policies", "interpretations", "decisions", "proposals"),
    fail_example={"BASE:content/policies/fangxun.yml": policy(), "content/policies/fangxun.yml": CHANGED},
    pass_example={"BASE:content/policies/fangxun.yml": policy(),
                  "content/policies/fangxun.yml": policy(
                      title="示例县关于做好2026年防汛抗旱工作的通知",
                      changes="\n  - date: 2026-06-05\n    note: 标题增加“抗旱”，与正文一致")},
    reads={"*": ("changes",)},
)


def _was_published(old: dict) -> bool:
    return old.get("disclosure") == vocab.PUBLIC and bool(old.get("published"))


def check(rec, site):
    old = (site.baseline or {}).get(rec.source.relpath)
    new = rec.source.data
    if not isinstance(old, dict) or not isinstance(new, dict) or not _was_published(old):
        return
    changed = [k for k in dict.fromkeys([*old, *new]) if k not in IGNORED and old.get(k) != new.get(k)]
    if not changed:
        return
    before, after = old.get("changes") or [], new.get("changes") or []
    if isinstance(after, list) and isinstance(before, list) and len(after) > len(before):
        return
    key = changed[0] if changed[0] in new else ("changes" if "changes" in new else "title")
    shown = "、".join(changed[:5]) + ("等" if len(changed) > 5 else "")
    yield Hit((key,), f"已公开的记录修改了 {shown}，但更新记录 changes 中没有新增说明：请写明修改日期和内容", at_key=True)
