"""Issue #9: random records AND random configs, together, through check and build — every run ends
in findings, a clean "cannot run" (ConfigError) or a clean build failure, never an internal error.

Each example mutates one record and the config of a small site (1–3 mutations each: values
replaced by hostile scalars, dates from year 1 to 9999, huge numbers, deep brackets, keys dropped,
renamed, duplicated, aliased). Pages are rendered and data files written for every example that
passes the check (the steps where bodies and dates are used); MkDocs and Pagefind, which only see
the rendered pages, run on a few of them (BUILD_EXAMPLES) to keep the suite quick.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import given, note, settings
from hypothesis import strategies as st

from generator.build import PUBLISH_FAILURES, BuildRefused, build_site
from generator.check import check_site
from generator.outputs import write_outputs
from generator.pages import plan
from generator.public import public_view
from generator.render import RenderRefused, render_pages
from generator.rules.examples import decision, interpretation, normative, policy, proposal
from generator.site import ConfigError

from .conftest import BASE_SITE, TODAY, lay_site
from .test_properties import SLOW, mutation, time_limit

EXAMPLES = 60
BUILD_EXAMPLES = 3
RECORDS = {
    "content/policies/fangxun.yml": policy(),
    "content/policies/gongshui.yml": normative(),
    "content/interpretations/jd-gongshui.yml": interpretation(),
    "content/decisions/cwhy-5.yml": decision(),
    "content/proposals/rd-5-12.yml": proposal(),
}
CONFIG = (BASE_SITE / "site_config.yml").read_bytes()


@st.composite
def hostile_site(draw) -> tuple[dict[str, bytes], list[str]]:
    files = {rel: text.encode("utf-8") for rel, text in RECORDS.items()}
    done = []
    rel = draw(st.sampled_from(sorted(files)))
    for _ in range(draw(st.integers(1, 3))):
        what, files[rel] = draw(mutation(files[rel]))
        done.append(f"{rel}: {what}")
    config = CONFIG
    for _ in range(draw(st.integers(0, 3))):
        what, config = draw(mutation(config))
        done.append(f"site_config.yml: {what}")
    files["site_config.yml"] = config
    return files, done


def lay(files: dict[str, bytes], root: Path) -> Path:
    lay_site(root, {})
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


counter = {"built": 0}


@settings(max_examples=EXAMPLES, **SLOW)
@given(case=hostile_site())
def test_random_records_and_configs_through_check_and_build(case):
    files, done = case
    note("\n".join(done))
    with tempfile.TemporaryDirectory(prefix="gk-hostile-") as tmp:
        root = lay(files, Path(tmp) / "site")
        with time_limit(120, "check and build"):
            try:
                report = check_site(root, TODAY)
            except ConfigError as exc:
                assert exc.findings or str(exc)
                return
            if report.errors:
                return
            view = public_view(report.site)
            docs = Path(tmp) / "docs"
            try:
                pages = plan(view)
                render_pages(view, pages, docs, {})
                write_outputs(view, pages, Path(tmp) / "out")
            except RenderRefused:
                return
            if counter["built"] < BUILD_EXAMPLES:
                counter["built"] += 1
                try:
                    build_site(root, Path(tmp) / "site-out", TODAY)
                except (BuildRefused, *PUBLISH_FAILURES):
                    pass
        shutil.rmtree(root, ignore_errors=True)
