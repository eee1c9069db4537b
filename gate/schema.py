"""Checking a TOML table against a frozen dataclass, with errors that name the key.

The configuration's shape is declared once, as dataclasses (see
:mod:`gate.config`); this module turns a parsed TOML table into instances of
them. Supported field types: ``bool``, ``int``, ``float``, ``str``,
``datetime.date``, ``Literal[...]``, ``tuple[X, ...]`` of those, nested section dataclasses and
``X | None``. Field metadata ``min``/``max`` bound numbers. A field without
a default is a required key. A field named after a Python keyword with a
trailing underscore (``class_``) is the key without it (``class``).

Every problem of a table is found, not only the first: one ConfigError carries
them all (a bad key does not hide the next one).
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import keyword
import types
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

from gate.errors import ConfigError

T = TypeVar("T")


def build(cls: type[T], table: Mapping[str, Any], where: str, section: str = "") -> T:
    """An instance of dataclass ``cls`` from ``table``; ConfigError names ``where`` and the key."""
    hints = typing.get_type_hints(cls)
    fields = {
        _key(f.name): f
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        if f.init and not f.metadata.get("internal")
    }
    values: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in table.items():
        name = key.replace("-", "_")
        label = f"[{section}] {key}" if section else key
        if name not in fields:
            problems.append(f"{where}: unknown key {label}{_suggest(name, fields)}")
            continue
        try:
            values[fields[name].name] = _convert(
                hints[fields[name].name], value, fields[name].metadata, where, label
            )
        except ConfigError as exc:
            problems.extend(exc.problems)
    for name, f in fields.items():
        if f.name not in values and _required(f) and name not in table:
            problems.append(f"{where}: missing key {f'[{section}] ' if section else ''}{name}")
    if problems:
        raise ConfigError(*problems)
    return cls(**values)


def _key(name: str) -> str:
    """The TOML key of a field: ``class_`` is ``class``."""
    bare = name[:-1]
    return bare if name.endswith("_") and keyword.iskeyword(bare) else name


def _required(f: dataclasses.Field[Any]) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def _suggest(name: str, fields: Mapping[str, object]) -> str:
    close = difflib.get_close_matches(name, list(fields), n=1)
    known = ", ".join(sorted(fields))
    return f" (did you mean {close[0]}?)" if close else f" (known keys: {known})"


def _convert(tp: Any, value: Any, meta: Mapping[str, Any], where: str, label: str) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _convert(inner[0], value, meta, where, label)
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, Mapping):
            raise ConfigError(f"{where}: {label} must be a table, got {_kind(value)}")
        # "[ai] signatures[0]" -> section "ai.signatures[0]"
        section = label[1:].replace("] ", ".", 1) if label.startswith("[") else label
        return build(tp, value, where, section)  # type: ignore[arg-type]
    if origin is tuple:
        if not isinstance(value, list):
            raise ConfigError(f"{where}: {label} must be a list, got {_kind(value)}")
        problems: list[str] = []
        items = [
            _item(args[0], v, meta, where, f"{label}[{i}]", problems=problems)
            for i, v in enumerate(value)
        ]
        if problems:
            raise ConfigError(*problems)
        return tuple(items)
    if origin is typing.Literal:
        if value not in args:
            choices = " | ".join(str(a) for a in args)
            raise ConfigError(f"{where}: {label} must be one of {choices}, got {value!r}")
        return value
    return _scalar(tp, value, meta, where, label)


def _item(
    tp: Any, value: Any, meta: Mapping[str, Any], where: str, label: str, *, problems: list[str]
) -> Any:
    """One list item converted, or None with its problems added (every item is checked)."""
    try:
        return _convert(tp, value, meta, where, label)
    except ConfigError as exc:
        problems.extend(exc.problems)
        return None


def _scalar(tp: Any, value: Any, meta: Mapping[str, Any], where: str, label: str) -> Any:
    if tp is datetime.date:
        # TOML's local date (2026-12-31); a date-time is a different, ambiguous thing
        if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
            raise ConfigError(f"{where}: {label} must be a date (YYYY-MM-DD), got {_kind(value)}")
        return value
    ok = {
        bool: isinstance(value, bool),
        int: isinstance(value, int) and not isinstance(value, bool),
        float: isinstance(value, (int, float)) and not isinstance(value, bool),
        str: isinstance(value, str),
    }.get(tp)
    if ok is None:  # pragma: no cover - a schema declaration error, caught by the tests
        raise TypeError(f"unsupported config type {tp!r} for {label}")
    if not ok:
        names = {bool: "true or false", int: "an integer", float: "a number", str: "a string"}
        raise ConfigError(f"{where}: {label} must be {names[tp]}, got {_kind(value)}")
    if tp in (int, float):
        low, high = meta.get("min"), meta.get("max")
        if (low is not None and value < low) or (high is not None and value > high):
            bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
            raise ConfigError(f"{where}: {label} must be {bounds}, got {value}")
        return float(value) if tp is float else value
    return value


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f'a string ("{value}")'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a table"
    return type(value).__name__  # dates and times
