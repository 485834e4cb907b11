"""记录文件数量超过上限。

一个站点最多 rules.limits.records 个记录文件（默认 100000），以保证检查和生成的时间、内存有界。
超过时不读取任何记录，只报告这一问题；确需更多时在 site_config.yml 中提高上限。
"""

from ..findings import NO_CITATION
from .base import Rule
from .examples import policy

RULE = Rule(
    code="GK008", name="too-many-records", title="记录过多", severity="error",
    citation=NO_CITATION, explanation=__doc__,
    fail_example={"site_config.yml": "rules:\n  limits: {records: 1}  # ←\n",
                  "content/policies/a-fangxun.yml": policy(),
                  "content/policies/b-fangxun.yml": policy(index_no="11622922013960001W/2026-00002", doc_no="康政发〔2026〕9号")},
    pass_example={"site_config.yml": "rules:\n  limits: {records: 2}\n",
                  "content/policies/a-fangxun.yml": policy(),
                  "content/policies/b-fangxun.yml": policy(index_no="11622922013960001W/2026-00002", doc_no="康政发〔2026〕9号")},
)
