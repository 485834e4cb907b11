"""JSON Schema of site_config.yml and every record type, generated from the models."""

from __future__ import annotations

from . import models

SCHEMA_TYPES: dict[str, type] = {"site_config": models.SiteConfig, **models.RECORD_TYPES}
TITLES = {"site_config": "站点配置 site_config.yml", **models.RECORD_TYPE_ZH}


def schema_for(name: str) -> dict:
    """The schema of one type (``site_config``, ``policies`` …), with Chinese titles from the models."""
    schema = SCHEMA_TYPES[name].model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"gongkai/{name}.schema.json", **schema, "title": TITLES[name]}


def all_schemas() -> dict[str, dict]:
    return {name: schema_for(name) for name in SCHEMA_TYPES}
