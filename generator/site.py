"""Load a site repository: site_config.yml and every record under content/.

Loading turns files into models and collects format problems (YAML that does not parse, unknown
or missing keys, wrong types, non-ISO dates, bad ids, references to things that do not exist);
nothing here judges disclosure. A record whose file has format problems is still kept when its
model validated, so that the disclosure rules can run on the rest of the site.
"""

from __future__ import annotations

import dataclasses
import hashlib
import marshal
import multiprocessing
import os
import typing
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ValidationError

from . import models
from .findings import Finding
from .rules.common import describe_path
from .rules import (
    gk001_yaml_syntax_error as yaml_syntax,
    gk008_too_many_records as too_many,
    gk010_unknown_key as unknown_key,
    gk011_missing_required_key as missing_key,
    gk012_wrong_type_or_value as wrong_type,
    gk013_date_not_iso as bad_date,
    gk014_invalid_record_id as bad_id,
    gk015_unknown_reference as unknown_ref,
)
from .taxonomy import DEFAULT_TAXONOMY
from .workdays import WorkCalendar
from . import yamlload
from .yamlload import LoadedYaml, LoadProblem, load_yaml_bytes, load_yaml_file

CONFIG_FILE = "site_config.yml"
CONTENT_DIR = "content"
ATTACHMENTS_DIR = "attachments"
LEDGER_DIR = "applications"
YAML_SUFFIXES = (".yml", ".yaml")

LOAD_PROBLEM_RULES = {m.RULE.name: m.RULE for m in yamlload.RULES}
"""The loader's problem codes are the names of the rules whose checks it runs (``yamlload.PROBLEM_CODES``)."""


class ConfigError(Exception):
    """site_config.yml cannot be used: the command cannot run (exit 2)."""

    def __init__(self, message: str, findings: list[Finding] | None = None) -> None:
        super().__init__(message)
        self.findings = findings or []


@dataclass(eq=False)
class SourceFile:
    """One YAML file: where it is (relative to the site root), its data and the loader's problems.

    Positions (``doc``) are kept when the file was read in this process; a file read by a worker
    process is read again for them only when a finding needs a line.
    """

    relpath: str
    data: object
    problems: list[LoadProblem]
    path: Path | None = None
    _doc: LoadedYaml | None = None

    @classmethod
    def of(cls, relpath: str, doc: LoadedYaml, path: Path | None = None) -> "SourceFile":
        return cls(relpath, doc.data, doc.problems, path, doc)

    @property
    def doc(self) -> LoadedYaml:
        if self._doc is None:
            self._doc = load_yaml_file(self.path)
        return self._doc


@dataclass(eq=False)
class LoadedRecord:
    """A record whose model validated: its type (``policies`` …), id, file and model."""

    type: str
    id: str
    source: SourceFile
    model: models.Record


@dataclass(frozen=True)
class Problem:
    """A format finding before it is given a line: a rule, a file, a key path, a message."""

    rule: object
    source: SourceFile
    path: tuple
    message: str
    at_key: bool = False


class ConfigLookups:
    """Lookups derived from ``self.config`` that the checker's site and the public view share."""

    config: models.SiteConfig

    @cached_property
    def calendar(self) -> WorkCalendar:
        cal = self.config.rules.calendar
        return WorkCalendar(extra_holidays=cal.holidays, extra_workdays=cal.workdays)

    @cached_property
    def organizations(self) -> dict[str, models.Organization]:
        return {o.id: o for o in self.config.organizations}

    @cached_property
    def leaders(self) -> dict[str, models.Leader]:
        return {p.id: p for p in self.config.leaders}


@dataclass(eq=False)
class Site(ConfigLookups):
    root: Path
    config: models.SiteConfig
    config_source: SourceFile
    today: date
    records: dict[str, dict[str, LoadedRecord]]
    problems: list[Problem] = field(default_factory=list)
    record_files: int = 0
    baseline: dict | None = None
    """With ``check --base REV``: every record as it stood at REV, keyed by (type, id)
    (``history.Baseline``); ``None`` without ``--base``."""
    ledgers: list[tuple[SourceFile, models.ApplicationLedger]] = field(default_factory=list)
    """Application ledgers (content/applications/<year>.yml): counted for the annual report, never published."""
    unvalidated: dict[str, dict[str, dict]] = field(default_factory=dict)
    """Records whose file exists but failed validation (type → id → raw data). They are reported
    once, where they are wrong; references to them are not reported again as dangling."""

    # ------------------------------------------------------------ lookups shared by rules

    @cached_property
    def taxonomy(self) -> dict[str, list[str]]:
        return self.config.taxonomy or DEFAULT_TAXONOMY

    @cached_property
    def policies_by_doc_no(self) -> dict[str, LoadedRecord]:
        found: dict[str, LoadedRecord] = {}
        for rec in self.sorted("policies"):
            if rec.model.doc_no:
                found.setdefault(rec.model.doc_no, rec)
        return found

    @cached_property
    def interpretations_of(self) -> dict[str, list[LoadedRecord]]:
        found: dict[str, list[LoadedRecord]] = defaultdict(list)
        for rec in self.sorted("interpretations"):
            if rec.model.interprets_id is not None:
                found[rec.model.interprets_id].append(rec)
        return found

    def sorted(self, type_: str) -> list[LoadedRecord]:
        return [self.records[type_][k] for k in sorted(self.records[type_])]

    def all_records(self) -> list[LoadedRecord]:
        return [rec for type_ in models.RECORD_TYPES for rec in self.sorted(type_)]

    def resolve_policy(self, ref) -> LoadedRecord | None:
        """A repeals/amends entry: a policy id, a 发文字号, or an external document (never on the site,
        unless its doc_no is one of ours)."""
        if isinstance(ref, models.ExternalDocument):
            return self.policies_by_doc_no.get(ref.doc_no) if ref.doc_no else None
        return self.records["policies"].get(ref) or self.policies_by_doc_no.get(ref)

    def names_unvalidated(self, type_: str, ref: str) -> bool:
        """Whether ``ref`` (an id, or for policies a 发文字号) names a record that exists but failed validation."""
        raw = self.unvalidated.get(type_, {})
        return ref in raw or any(isinstance(d, dict) and d.get("doc_no") == ref for d in raw.values())


# ---------------------------------------------------------------- loading


def load_site(root: Path, today: date, cache: Path | None = None) -> Site:
    """Read the config and every record; format problems are collected, not raised. ``cache``: a
    build cache, where the parsed records are remembered (:class:`ParseMemory`).

    Raises :class:`ConfigError` when ``site_config.yml`` is missing or unusable.
    """
    root = Path(root)
    config_source, config = _load_config(root)
    site = Site(root=root, config=config, config_source=config_source, today=today,
                records={t: {} for t in models.RECORD_TYPES}, unvalidated={t: {} for t in models.RECORD_TYPES})
    content = root / CONTENT_DIR
    jobs = []
    for type_ in models.RECORD_TYPES:
        folder = content / type_
        if folder.is_dir():
            jobs += [(str(root), type_, p.name) for p in sorted(folder.iterdir())
                     if p.suffix in YAML_SUFFIXES and p.is_file()]
    site.record_files = len(jobs)
    limit = config.rules.limits.records
    if len(jobs) > limit:
        site.problems.append(Problem(too_many.RULE, config_source, ("rules", "limits", "records"),
                                     f"共有 {len(jobs)} 个记录文件，超过上限 {limit}：未读取任何记录。"
                                     f"确需更多时在 site_config.yml 的 rules.limits.records 中提高上限", at_key=True))
        return site
    for loaded in _read_all(jobs, cache):
        _register(site, loaded)
    _load_ledgers(site, content / LEDGER_DIR)
    site.problems += [Problem(unknown_ref.RULE, source, path, message)
                      for source, path, message in unknown_ref.references(site)]
    return site


PARALLEL_FROM = 2000
"""Sites with at least this many record files are read by one process per core: YAML parsing is
most of a check's time and every file is independent."""


def _read_all(jobs: list[tuple[str, str, str]], cache: Path | None = None):
    """Read every record file: here, or for large sites by one worker per core. Workers send back
    only the data tree and the problems (positions would cost more to send than to parse again).
    With ``cache`` (a build cache), a file whose bytes were parsed without problems before is not
    parsed again (:class:`ParseMemory`)."""
    paths = [Path(root) / CONTENT_DIR / type_ / name for root, type_, name in jobs]
    memory = ParseMemory(cache) if cache is not None else None
    raws = [_read_bytes(path) for path in paths] if memory is not None else [None] * len(paths)
    parsed: list = [memory.get(raw) if memory is not None else None for raw in raws]
    todo = [i for i, known in enumerate(parsed) if known is None]
    workers = min(os.cpu_count() or 1, 8)
    if len(todo) >= PARALLEL_FROM and workers > 1:
        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                inputs = [raws[i] if raws[i] is not None else str(paths[i]) for i in todo]
                for i, result in zip(todo, pool.map(_parse, inputs, chunksize=max(1, len(todo) // (workers * 4)))):
                    parsed[i] = result
        except (ValueError, OSError):
            pass
    for i, ((root, type_, _), path) in enumerate(zip(jobs, paths)):
        relpath = _relpath(Path(root), path)
        if parsed[i] is None:
            doc = load_yaml_bytes(raws[i]) if raws[i] is not None else load_yaml_file(path)
            source = SourceFile.of(relpath, doc, path)
        else:
            source = SourceFile(relpath, parsed[i][0], parsed[i][1], path)
        if memory is not None and raws[i] is not None:
            memory.put(raws[i], source.data, source.problems)
        yield _read_record(type_, path, source)
    if memory is not None:
        memory.save()


def _read_bytes(path: Path) -> bytes | None:
    """The bytes of a record file small enough to parse; ``None`` leaves the file to ``load_yaml_file``
    (which reports what is wrong with it)."""
    try:
        if path.stat().st_size > yamlload.MAX_FILE_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


class ParseMemory:
    """In a build cache: the data tree of every record file that parsed without problems, by the
    SHA-256 of its bytes (``parsed.marshal``); entries of files no longer read are dropped. Keyed by
    the loader's own source, so a changed loader parses everything again. Like the rest of the
    build cache it is trusted (docs/performance.md): a missing or unreadable memory only means
    parsing again."""

    FILE = "parsed.marshal"

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / self.FILE
        self.version = hashlib.sha256(Path(yamlload.__file__).read_bytes()).hexdigest()
        self.known: dict[bytes, object] = {}
        self.used: dict[bytes, object] = {}
        try:
            stored = marshal.loads(self.path.read_bytes())
            if isinstance(stored, dict) and stored.get("version") == self.version:
                self.known = stored["entries"]
        except (OSError, ValueError, EOFError, TypeError, KeyError):
            pass

    def get(self, raw: bytes | None) -> tuple[object, list] | None:
        if raw is None:
            return None
        found = self.known.pop(hashlib.sha256(raw).digest(), None)  # popped: two identical files share no tree
        return None if found is None else (found, [])

    def put(self, raw: bytes, data: object, problems: list) -> None:
        if not problems:
            self.used[hashlib.sha256(raw).digest()] = data

    def save(self) -> None:
        try:
            data = marshal.dumps({"version": self.version, "entries": self.used})
        except ValueError:  # a value marshal cannot hold: nothing is remembered
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        tmp.write_bytes(data)
        os.replace(tmp, self.path)


def _parse(source: str | bytes) -> tuple[object, list[LoadProblem]]:
    doc = load_yaml_bytes(source) if isinstance(source, bytes) else load_yaml_file(Path(source))
    return doc.data, doc.problems


def _relpath(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _load_config(root: Path) -> tuple[SourceFile, models.SiteConfig]:
    path = root / CONFIG_FILE
    if not path.is_file():
        raise ConfigError(f"找不到 {CONFIG_FILE}：{root} 不是站点根目录（用 --root 指定含有 {CONFIG_FILE} 的目录）")
    source = SourceFile.of(CONFIG_FILE, load_yaml_file(path), path)
    problems = list(_yaml_problems(source))
    config = None
    if not problems:
        config, problems = _validate(source, models.SiteConfig)
    if config is not None and not problems:
        problems = [Problem(wrong_type.RULE, source, path, message) for path, message in wrong_type.leader_roles(config)]
    if config is None or problems:
        findings = [problem_finding(p) for p in problems]
        raise ConfigError(f"{CONFIG_FILE} 有 {len(findings)} 处错误，无法继续", findings)
    return source, config


@dataclass
class _Loaded:
    """One record file as read, before it joins the site."""

    type: str
    record_id: str | None
    source: SourceFile
    problems: list[Problem]
    instance: models.Record | None


def _register(site: Site, loaded: _Loaded) -> None:
    site.problems.extend(loaded.problems)
    type_, record_id, source, instance = loaded.type, loaded.record_id, loaded.source, loaded.instance
    if instance is None and record_id:
        # a file that failed to parse still names its record: references to it are not dangling
        site.unvalidated[type_][record_id] = source.data if isinstance(source.data, dict) else {}
    if instance is not None and record_id:
        rec = LoadedRecord(type_, record_id, source, instance)
        site.records[type_][record_id] = rec
        site.problems += [Problem(missing_key.RULE, rec.source, path, message, at_key=True)
                          for path, message in missing_key.conditional(rec, site.config)]
        site.problems += [Problem(wrong_type.RULE, rec.source, path, message)
                          for path, message in wrong_type.configured_values(rec, site.config)]
        misnamed = bad_id.misnamed_report(rec)
        if misnamed:
            site.problems.append(Problem(bad_id.RULE, rec.source, ("year",), misnamed))


def _load_ledgers(site: Site, folder: Path) -> None:
    """Read the application ledgers: format problems are findings like a record's."""
    if not folder.is_dir():
        return
    for path in sorted(p for p in folder.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file()):
        source = SourceFile.of(_relpath(site.root, path), load_yaml_file(path), path)
        site.record_files += 1
        site.problems.extend(_yaml_problems(source))
        misnamed = bad_id.misnamed_ledger(path)
        if misnamed:
            site.problems.append(Problem(bad_id.RULE, source, (), misnamed))
        if source.data is None and source.problems:
            continue
        ledger, errors = _validate(source, models.ApplicationLedger)
        site.problems.extend(errors)
        if ledger is not None:
            site.ledgers.append((source, ledger))
            for i, app in enumerate(ledger.applications):
                if app.organ not in site.organizations:
                    site.problems.append(Problem(unknown_ref.RULE, source, ("applications", i, "organ"),
                                                 f"机构“{app.organ}”不存在（applications[{i}].organ）"))


def reload_records(site: Site, paths: list[Path]) -> Site | None:
    """``site`` with the record files ``paths`` read again (changed or new), for a preview; ``None``
    when one of them is not a record file or has any format problem (a full check reports it)."""
    records = {type_: dict(recs) for type_, recs in site.records.items()}
    for path in paths:
        type_ = path.parent.name
        if path.parent.parent != site.root / CONTENT_DIR or type_ not in models.RECORD_TYPES \
                or path.suffix not in YAML_SUFFIXES or not path.is_file():
            return None
        loaded = _read_record(type_, path, SourceFile.of(_relpath(site.root, path), load_yaml_file(path), path))
        if loaded.problems or loaded.instance is None or not loaded.record_id:
            return None
        records[type_][loaded.record_id] = LoadedRecord(type_, loaded.record_id, loaded.source, loaded.instance)
    return dataclasses.replace(site, records=records)  # a new Site: nothing derived from the old records is kept


def _read_record(type_: str, path: Path, source: SourceFile) -> _Loaded:
    problems = list(_yaml_problems(source))
    record_id, message = bad_id.record_id(path)
    if message:
        problems.append(Problem(bad_id.RULE, source, (), message))
    if source.data is None and problems:
        return _Loaded(type_, record_id, source, problems, None)
    instance, errors = _validate(source, models.RECORD_TYPES[type_])
    return _Loaded(type_, record_id, source, problems + errors, instance)


MAX_PROBLEMS_PER_FILE = 20


def _yaml_problems(source: SourceFile):
    """The loader's problems as findings; a hostile file may have thousands, so show the first few."""
    problems = source.problems
    for p in problems[:MAX_PROBLEMS_PER_FILE]:
        rule = LOAD_PROBLEM_RULES.get(p.code, yaml_syntax.RULE)
        yield _PositionedProblem(rule, source, (), p.message, line=p.line, column=p.column)
    if len(problems) > MAX_PROBLEMS_PER_FILE:
        last = problems[MAX_PROBLEMS_PER_FILE]
        rule = LOAD_PROBLEM_RULES.get(last.code, yaml_syntax.RULE)
        yield _PositionedProblem(rule, source, (), f"本文件另有 {len(problems) - MAX_PROBLEMS_PER_FILE} 处同类问题未列出",
                                 line=last.line, column=last.column)


@dataclass(frozen=True)
class _PositionedProblem(Problem):
    line: int = 1
    column: int = 1


def position(source: SourceFile, path: tuple, at_key: bool = False) -> tuple[int, int]:
    """Line and column of ``path`` in ``source``; the empty path means the file as a whole (1, 1)."""
    if not path:
        return 1, 1
    span = source.doc.locate(path, prefer_key=at_key)
    return span.line, span.column


def problem_finding(p: Problem) -> Finding:
    if isinstance(p, _PositionedProblem):
        line, column = p.line, p.column
    else:
        line, column = position(p.source, p.path, p.at_key)
    rule = p.rule
    return Finding(p.source.relpath, line, column, rule.code, rule.severity, p.message, rule.citation)


def _validate(source: SourceFile, model: type):
    data = source.data
    if not isinstance(data, dict):
        what = "为空" if data is None else "的顶层不是“键: 值”映射"
        return None, [Problem(wrong_type.RULE, source, (), f"文件{what}，应按字段逐行填写")]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, [_pydantic_problem(source, err, model) for err in exc.errors(include_url=False)]


VALIDATION_RULES = (unknown_key, missing_key, bad_date, wrong_type)
"""Format rules that read the models' validation errors: each claims the pydantic error types in its
``ERROR_TYPES`` (GK012 every other one), and its ``problem(err, where, lead)`` returns
``(key path, message, at_key)``. ``where`` is the key path as written, ``lead`` the same with the
field's Chinese title."""
_VALIDATION_OWNER = {kind: module for module in VALIDATION_RULES for kind in module.ERROR_TYPES}


def _nested_model(annotation) -> type | None:
    """The model inside ``X``, ``X | None``, ``list[X]``, ``dict[str, X]`` or ``Annotated[X, …]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _nested_model(arg)
        if found is not None:
            return found
    return None


def field_label(model: type, loc: tuple) -> str | None:
    """The Chinese title (models.py ``Field(title=…)``) of the field at ``loc``, or None."""
    label, current = None, model
    for part in loc:
        if isinstance(part, int):
            continue
        field_info = current.model_fields.get(part) if current is not None else None
        if field_info is None:
            return None
        label, current = field_info.title, _nested_model(field_info.annotation)
    return label


def validation_message(err: dict, model: type | None = None) -> str:
    """The Chinese message the checker gives for one pydantic error (``gongkai import`` reports with it)."""
    return _pydantic_problem(None, err, model).message


def _fields_at(model: type, loc: tuple) -> dict[str, str]:
    """Field name → Chinese title of the model found at ``loc`` inside ``model`` (list indexes skipped)."""
    for part in loc:
        if isinstance(part, int):
            continue
        field_info = model.model_fields.get(part)
        model = _nested_model(field_info.annotation) if field_info is not None else None
        if model is None:
            return {}
    return {name: f.title or "" for name, f in model.model_fields.items()}


def _pydantic_problem(source: SourceFile, err: dict, model: type | None = None) -> Problem:
    loc = tuple(err["loc"])
    where = describe_path(loc)
    label = field_label(model, loc) if model is not None and loc else None
    # "kind（文件类型）的值…" / "rules.x 的值…": the field by key and by its Chinese label
    lead = f"{where}（{label}）" if label else f"{where} "
    if model is not None:  # the fields beside the one in error: a rule may suggest the nearest (GK010)
        err = {**err, "fields": _fields_at(model, loc[:-1])}
    module = _VALIDATION_OWNER.get(err["type"], wrong_type)
    path, message, at_key = module.problem(err, where, lead)
    return Problem(module.RULE, source, path, message, at_key=at_key)
