"""已公开的记录改了实质内容，却没有在更新记录中写明。

已经主动公开的信息变更后，应在 changes（更新记录）中新增一条，写明日期和变更内容及理由；
公众从页面的“更新记录”看到什么时候改了什么，已公开的内容不能悄悄改动。
只在 `gongkai check --base 版本` 时检查：与该版本相比（按记录类型和 id 对应，改文件名或扩展名
不影响比较），除 changes、waivers 和 late 外任一字段改变，或某个附件文件的内容被替换，而 changes 没有新增
条目，即报告。撤回（新增 withdrawn）本身写明了日期和原因，撤回时删去正文和附件不必另写更新记录。
"""

from .common import TIMELY_PUBLICATION
from .base import EVERY_TYPE, Hit, Rule
from .examples import policy
from ..history import attachment_digest, was_public

IGNORED = ("changes", "waivers", "late")
WITHDRAWAL_REMOVES = ("withdrawn", "body", "attachments", "reply", "items")
"""What a record newly ``withdrawn`` may drop or change without a change note: the withdrawal is the note."""
CHANGED = policy(title="示例县关于做好2026年防汛抗旱工作的通知", mark="title")

RULE = Rule(
    code="GK211", name="silent-change-to-published-record", title="已公开记录悄悄修改", severity="error",
    citation=TIMELY_PUBLICATION,
    explanation=__doc__,
    applies_to=EVERY_TYPE,
    fail_example={"BASE:content/policies/fangxun.yml": policy(), "content/policies/fangxun.yml": CHANGED},
    pass_example={"BASE:content/policies/fangxun.yml": policy(),
                  "content/policies/fangxun.yml": policy(
                      title="示例县关于做好2026年防汛抗旱工作的通知",
                      changes="\n  - date: 2026-06-05\n    note: 标题增加“抗旱”，与正文一致")},
    reads={"*": ("changes",)},
)


def _replaced_attachments(rec, site, old) -> list[tuple[int, str]]:
    """(index, file) of attachments whose bytes differ from what the same file held at the base."""
    replaced = []
    for i, att in enumerate(rec.model.attachments):
        before = old.attachments.get(att.file)
        if before is not None and attachment_digest(site.root, att.file) != before:
            replaced.append((i, att.file))
    return replaced


def check(rec, site):
    old = (site.baseline or {}).get((rec.type, rec.id))
    new = rec.source.data
    if old is None or not isinstance(old.data, dict) or not isinstance(new, dict) or not was_public(old.data, site.today):
        return
    ignored = IGNORED + (WITHDRAWAL_REMOVES if "withdrawn" in new and "withdrawn" not in old.data else ())
    changed = [k for k in dict.fromkeys([*old.data, *new]) if k not in ignored and old.data.get(k) != new.get(k)]
    replaced = [] if "attachments" in ignored else _replaced_attachments(rec, site, old)
    if not changed and not replaced:
        return
    before, after = old.data.get("changes") or [], new.get("changes") or []
    if isinstance(after, list) and isinstance(before, list) and len(after) > len(before):
        return
    if changed:
        key = (changed[0],) if changed[0] in new else (("changes",) if "changes" in new else ("title",))
    else:
        key = ("attachments", replaced[0][0], "file")
    what = changed[:5] + [f"附件“{file}”的内容" for _, file in replaced[:3]]
    shown = "、".join(what) + ("等" if len(changed) + len(replaced) > len(what) else "")
    yield Hit(key, f"已公开的记录修改了 {shown}，但更新记录 changes 中没有新增说明：请写明修改日期和内容", at_key=True)
