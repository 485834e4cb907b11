"""废止或修改关系有误：引用不存在、形成循环，或标为废止却没有废止日期。

repeals / amends 写被废止、被修改文件的 id 或发文字号；不在本站的旧文件也可以只写标题
{title: 《……》}（可加 doc_no、issuer、url）。写 id 而找不到该文件是错误；写发文字号或标题而内容中
没有该文件时给出警告，页面上作为外部文件以文字显示。废止、修改关系不能形成循环（包括
自己废止自己）。在本系统之外被废止的文件写 status: 废止，并写 repealed_on 和 repeal_note。
"""


from .. import vocab
from ..display import document_text
from ..findings import WORK_RULES, Citation
from .base import Hit, Requirement, Rule
from .examples import policy

def doc_no_like(ref: str) -> bool:
    """Written like a 发文字号: ends in 号 after a bracket or 令第 (checked without a regex that would
    rescan the text from every bracket)."""
    head = ref[:-1]
    return ref.endswith("号") and (any(c in head for c in "〔[（(【") or "令第" in head)

RULE = Rule(
    code="GK111", name="broken-repeal-chain", title="废止或修改关系有误", severity="error",
    citation=Citation(WORK_RULES, "第七十一条",
                      "本规则自发布之日起施行，2016年12月18日发布的《康乐县人民政府工作规则》（康政知﹝2016﹞40号）废止。"),
    explanation=__doc__,
    applies_to=("policies",),
    fail_example={"content/policies/fangxun.yml": policy(repeals="[fangxun-2025]", mark="repeals")},
    pass_example={"content/policies/fangxun.yml": policy(repeals="[fangxun-2025]"),
                  "content/policies/fangxun-2025.yml": policy(
                      title="示例县关于做好2025年防汛工作的通知", doc_no="康政发〔2025〕6号", written="2025-05-27",
                      published="2025-05-30", index_no="11622922013960001W/2025-00001")},
    reads={"policies": ("doc_no", "repeals", "amends", "status", "repealed_on", "repeal_note")},
    requires=(Requirement("repealed_on", "status 为废止时必填", ("policies",)),
              Requirement("repeal_note", "status 为废止时必填", ("policies",))),
)


def _entries(rec, key):
    raw = rec.source.data.get(key)
    for i, ref in enumerate(getattr(rec.model, key)):
        yield ((key, i) if isinstance(raw, list) else (key,)), ref


def check(rec, site):
    m = rec.model
    for key, verb in (("repeals", "废止"), ("amends", "修改")):
        for path, ref in _entries(rec, key):
            if not isinstance(ref, str):
                if ref.doc_no and ref.doc_no == m.doc_no:
                    yield Hit(path, f"文件不能{verb}自己")
                elif site.resolve_policy(ref) is None:
                    yield Hit(path, f"{verb}的文件{document_text(ref)}不在本站内容中，将作为外部文件显示", severity="warning")
            elif ref == rec.id or ref == m.doc_no:
                yield Hit(path, f"文件不能{verb}自己")
            elif site.resolve_policy(ref) is None and not site.names_unvalidated("policies", ref):
                if doc_no_like(ref):
                    yield Hit(path, f"{verb}的文件“{ref}”不在本站内容中，将作为外部文件显示", severity="warning")
                else:
                    yield Hit(path, f"{verb}的文件 id“{ref}”不存在")
    if m.status == vocab.REPEALED_STATUS and m.repealed_on is None:
        yield Hit(("status",), "标为废止，但没有写废止日期 repealed_on")


def check_site(site):
    """Report each cycle of repeals/amends once, at its first member in path order."""
    edges = {}
    for rec in site.sorted("policies"):
        targets = []
        for key in ("repeals", "amends"):
            for _, ref in _entries(rec, key):
                target = site.resolve_policy(ref)
                if target is not None and target is not rec:
                    targets.append(target.id)
        edges[rec.id] = targets
    for members in _cycles(edges):
        first = min(members)
        rec = site.records["policies"][first]
        key = "repeals" if rec.model.repeals else "amends"
        yield Hit((key,), "废止、修改关系形成循环：" + "、".join(sorted(members)), record=rec, at_key=True)


def _cycles(edges: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (iterative Tarjan, linear time)."""
    index, low, on_stack, stack, found, counter = {}, {}, set(), [], [], 0
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, it = work[-1]
            nxt = next(it, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(edges.get(nxt, ()))))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found
