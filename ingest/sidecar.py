"""Sidecar files: ``<file>.meta.json`` beside a document, for what its text does not print (number, date, issuer …).

A sidecar is a JSON object of metadata fields. Its values fill only the fields the text leaves empty, except those
named in ``"override"``, which replace what the text says. Every value is checked; a bad one is a
:class:`SidecarError` naming the field.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ingest.doc_numbers import DOC_NUMBER, KIND_TABLE, fold
from ingest.metadata import iso_date, with_field
from ingest.model import Metadata, MetadataOrigin

SUFFIX = ".meta.json"
MAX_BYTES = 64 * 1024
TEXT_FIELDS = ("number", "kind", "date", "issuer", "signer", "signer_title", "title", "subject", "effective_text",
               "effective_date", "adopted_text", "implements")
LIST_FIELDS = ("recipients", "bases")
FIELDS = TEXT_FIELDS + LIST_FIELDS
_DATE_HINT = "write it as 2025-05-17, 17/5/2025 or 17 tháng 5 năm 2025"


class SidecarError(ValueError):
    """A sidecar that cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class Sidecar:
    """Checked metadata values from a sidecar, and the fields they override."""

    values: tuple[tuple[str, str | tuple[str, ...]], ...] = ()
    override: frozenset[str] = frozenset()

    def to_json(self) -> str:
        data: dict[str, object] = {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.values}
        if self.override:
            data["override"] = sorted(self.override)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def sidecar_path(document: Path) -> Path:
    """Where a document's sidecar lives: ``corpus/x.txt`` → ``corpus/x.txt.meta.json``."""
    return document.with_name(document.name + SUFFIX)


def _iso(name: str, value: str) -> str:
    """An ISO date from "2025-05-17", "17/5/2025" or "17 tháng 5 năm 2025"; :class:`SidecarError` otherwise."""
    iso_parts = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    iso = iso_date(f"{iso_parts[3]}/{iso_parts[2]}/{iso_parts[1]}" if iso_parts else value)
    if not iso:
        raise SidecarError(f"field {name!r}: {value!r} is not a date ({_DATE_HINT})")
    return iso


def _check(name: str, value: object) -> str | tuple[str, ...]:
    """A field's value, checked and in the form metadata keeps it."""
    if name in LIST_FIELDS:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise SidecarError(f"field {name!r}: must be a list of non-empty strings")
        return tuple(v.strip() for v in value)
    if not isinstance(value, str) or not value.strip():
        raise SidecarError(f"field {name!r}: must be a non-empty string")
    value = " ".join(value.split())
    if name in ("number", "implements") and not re.fullmatch(DOC_NUMBER, value, re.IGNORECASE):
        raise SidecarError(f"field {name!r}: {value!r} is not a document number like 57-NQ/TW or 198/2025/QH15")
    if name == "kind":
        known = next((k.name for k in KIND_TABLE if fold(value) in (fold(k.name), fold(k.english))), None)
        if known is None:
            names = ", ".join(k.name for k in KIND_TABLE)
            raise SidecarError(f"field 'kind': {value!r} is not a known kind of document ({names})")
        return known
    if name in ("date", "effective_date"):
        _iso(name, value)
    return value


def parse_sidecar(data: dict[str, object]) -> Sidecar:
    """Check a sidecar's fields; raises :class:`SidecarError` naming the first bad one."""
    if not isinstance(data, dict):
        raise SidecarError("must be a JSON object of metadata fields")
    unknown = [k for k in data if k not in FIELDS and k != "override"]
    if unknown:
        raise SidecarError(f"unknown field {unknown[0]!r} (fields: {', '.join(FIELDS)}, override)")
    override = data.get("override", [])
    if isinstance(override, str):
        override = [o.strip() for o in override.split(",") if o.strip()]
    if not isinstance(override, list) or not all(isinstance(o, str) for o in override):
        raise SidecarError("field 'override': must be a list of field names")
    bad = [o for o in override if o not in data or o == "override"]
    if bad:
        raise SidecarError(f"field 'override': {bad[0]!r} is not a field this sidecar sets")
    values = tuple((k, _check(k, v)) for k, v in data.items() if k != "override")
    return Sidecar(values=values, override=frozenset(override))


def read_sidecar(path: Path) -> Sidecar:
    """The checked sidecar at ``path``; raises :class:`SidecarError` (and OSError when it cannot be read)."""
    with path.open("rb") as f:
        raw = f.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise SidecarError(f"larger than {MAX_BYTES} bytes")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise SidecarError(f"not UTF-8 text (byte offset {e.start})") from e
    except json.JSONDecodeError as e:
        raise SidecarError(f"not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}") from e
    return parse_sidecar(data)


def sidecar_from_pairs(pairs: list[str]) -> Sidecar:
    """``KEY=VALUE`` strings (``planqa add --meta``) as a checked sidecar; a list field takes ``a; b; c``."""
    data: dict[str, object] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise SidecarError(f"{pair!r} is not KEY=VALUE")
        data[key] = [v.strip() for v in value.split(";") if v.strip()] if key in LIST_FIELDS else value
    return parse_sidecar(data)


def apply_sidecar(meta: Metadata, sidecar: Sidecar) -> Metadata:
    """Fill the fields the text leaves empty (or those the sidecar overrides) with the sidecar's values."""
    for name, value in sidecar.values:
        target = "date_text" if name == "date" else name
        if getattr(meta, target) and name not in sidecar.override:
            continue
        if name in ("date", "effective_date"):
            meta = with_field(meta, name, _iso(name, str(value)), MetadataOrigin.SIDECAR)
            if name == "date":
                meta = with_field(meta, "date_text", value, MetadataOrigin.SIDECAR)
        else:
            meta = with_field(meta, name, value, MetadataOrigin.SIDECAR)
    return meta
