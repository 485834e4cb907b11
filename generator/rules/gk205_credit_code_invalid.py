"""统一社会信用代码的字符或校验码错误。

统一社会信用代码共 18 位，只用数字和除 I、O、Z、S、V 以外的大写字母，第 18 位是按国家标准
计算的校验码。代码写错会使索引号和机构信息全部出错。
"""

from ..findings import Citation
from ..identifiers import credit_code_problem
from .base import Hit, Rule

RULE = Rule(
    code="GK205", name="credit-code-invalid", title="统一社会信用代码错误", severity="error",
    citation=Citation("GB 32100-2015", None, "法人和其他组织统一社会信用代码编码规则"),
    explanation=__doc__,
    fail_example={"site_config.yml": "  - {id: slj, name: 示例县水利局, credit_code: 116229220139600041}  # ←\n"},
    pass_example={"site_config.yml": "  - {id: slj, name: 示例县水利局, credit_code: 116229220139600046}\n"},
)


def check_site(site):
    cfg = site.config
    codes = [(("government", "credit_code"), cfg.government.credit_code)]
    codes += [(("organizations", i, "credit_code"), org.credit_code) for i, org in enumerate(cfg.organizations)]
    for path, code in codes:
        problem = credit_code_problem(code)
        if problem:
            yield Hit(path, f"统一社会信用代码“{code}”有误：{problem}", record=site.config_source)
