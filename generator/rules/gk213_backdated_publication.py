"""新公开的记录倒签发布日期。

发布日期 published 是公众能在网站上看到这条信息的日期。本次修改新公开的记录（与 `--base` 版本相比
是新记录，或当时还没有公开），发布日期早于检查当天超过 rules.limits.backdate_days 天（默认 3 天）
即报告：把日期往前写，可以让超期公开看起来没有超期，这是虚假的发布日期。
超过公开期限才发布时，如实写今天的日期，并用 `late: {reason: 超期原因}` 说明原因，页面会公开显示。
只在 `gongkai check --base 版本` 时检查；发布日期在将来（预定发布）的不报。
"""

from datetime import timedelta

from .. import vocab
from ..history import was_public
from .common import TRUE_DATES
from .base import Hit, Rule
from .examples import policy

NEW = policy(title="示例县关于做好2026年冬季供暖工作的通知", published="2026-11-16", written="2026-11-13",
             index_no="11622922013960001W/2026-00002", doc_no="康政发〔2026〕9号", mark="published")

RULE = Rule(
    code="GK213", name="backdated-publication", title="发布日期倒签", severity="error",
    citation=TRUE_DATES,
    explanation=__doc__,
    applies_to=("policies", "interpretations", "decisions", "proposals"),
    fail_example={"BASE:content/policies/fangxun.yml": policy(), "content/policies/fangxun.yml": policy(),
                  "content/policies/gongnuan.yml": NEW},
    pass_example={"BASE:content/policies/fangxun.yml": policy(), "content/policies/fangxun.yml": policy(),
                  "content/policies/gongnuan.yml": NEW.replace("2026-11-16", "2026-11-24").replace("  # ←", "")},
)


def check(rec, site):
    if site.baseline is None:
        return
    m = rec.model
    if m.disclosure != vocab.PUBLIC or m.published is None:
        return
    old = site.baseline.get((rec.type, rec.id))
    if old is not None and was_public(old.data, site.today):
        return
    days = site.config.rules.limits.backdate_days
    earliest = site.today - timedelta(days=days)
    if m.published < earliest:
        yield Hit(("published",), f"本次新公开的记录发布日期写作 {m.published}，早于今天（{site.today}）{(site.today - m.published).days} 天"
                                  f"（最多可早 {days} 天，rules.limits.backdate_days）：发布日期是公众在网站上看到它的日期，"
                                  f"请写真实的发布日期；超过公开期限的，请如实写日期并加上 late: {{reason: 超期原因}}")
