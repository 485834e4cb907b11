"""引用了不存在的机构、领导、记录、主题分类、办理结果类别或规则代码。

记录之间、记录与 site_config.yml 之间都按 id 引用：发布机构和发文机关须是 organizations 中的
id，主持人和签发人须是 leaders 中的 id，解读的文件和会议印发的文件须是已有的政策文件 id，
主题分类须在分类表中，豁免和级别设置须写已有的规则代码。
"""

from ..findings import NO_CITATION
from .base import Rule
from .examples import policy

RULE = Rule(
    code="GK015", name="unknown-reference", title="引用不存在", severity="error",
    citation=NO_CITATION, explanation=__doc__,
    fail_example={"content/policies/fangxun.yml": policy(publisher="shuiwuju", mark="publisher")},
    pass_example={"content/policies/fangxun.yml": policy()},
    reads={"*": ("publisher", "topic"), "policies": ("issuer", "signer"), "interpretations": ("interprets",),
           "decisions": ("meeting.chair", "items.documents"), "proposals": ("lead", "co", "result")},
)
