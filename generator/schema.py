"""JSON Schema of site_config.yml and every record type, generated from the models."""

from __future__ import annotations

import json
from pathlib import Path

from . import models

SCHEMA_TYPES: dict[str, type] = {"site_config": models.SiteConfig, **models.RECORD_TYPES,
                                  "applications": models.ApplicationLedger}
TITLES = {"site_config": "站点配置 site_config.yml", **models.RECORD_TYPE_ZH,
          "applications": "政府信息公开申请台账（不公开）"}


def schema_for(name: str) -> dict:
    """The schema of one type (``site_config``, ``policies`` …), with Chinese titles from the models."""
    schema = SCHEMA_TYPES[name].model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"gongkai/{name}.schema.json", **schema, "title": TITLES[name]}


def all_schemas() -> dict[str, dict]:
    return {name: schema_for(name) for name in SCHEMA_TYPES}


SCHEMA_DIR = "schema"
"""Where a site repository keeps the schemas its records' yaml-language-server modelines name."""


def schema_filename(name: str) -> str:
    return f"{name}.schema.json"


def write_schemas(directory: Path) -> list[Path]:
    """Write one schema file per type into ``directory`` (created if needed); return the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMA_TYPES:
        path = directory / schema_filename(name)
        path.write_text(json.dumps(schema_for(name), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
