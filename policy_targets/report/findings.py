"""Findings of `check` as text, GitHub Actions annotations or JSON; a message is cut at MAX_MESSAGE
characters in text and annotations (JSON keeps it whole, for programs)."""

from __future__ import annotations

from policy_targets.core.model import Finding
from policy_targets.report.json import dumps
from policy_targets.report.safe import clean


MAX_MESSAGE = 1000
"""Characters of a message shown: a 70 000-character key or cell is cut, with how much was left out."""


def _clip(message: str) -> str:
    if len(message) <= MAX_MESSAGE:
        return message
    return f"{message[:MAX_MESSAGE]}… ({len(message) - MAX_MESSAGE} more characters)"


def _where(f: Finding) -> str:
    parts = [f.file or "<data>"]
    if f.line:
        parts.append(str(f.line))
    return ":".join(parts)


def text(findings: list[Finding], lang: str | None = None) -> str:
    """One line per finding: where, severity, message (clipped); in Chinese with --lang zh or
    PTARGET_LANG=zh (report.i18n), so a clerk reads `check` and every load error in Chinese."""
    if lang is None:
        from policy_targets.report.labels import default_lang

        lang = default_lang()
    if lang == "zh":
        from policy_targets.report.i18n import SEVERITY_ZH, finding_text

        return "\n".join(clean(f"{_where(f)}: {SEVERITY_ZH.get(f.severity, f.severity)}: "
                                f"{finding_text(f.code, _clip(f.message), 'zh')}") for f in findings)
    lines = [clean(f"{_where(f)}: {f.severity}: {_clip(f.message)}") for f in findings]
    return "\n".join(lines)


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def github(findings: list[Finding]) -> str:
    """`::error file=F,line=L,title=ptarget CODE (target/key)::message`, escaped as the runner
    requires: the title carries the finding's stable code."""
    out = []
    for f in findings:
        props = []
        if f.file:
            props.append(f"file={_escape_property(clean(f.file))}")
        if f.line:
            props.append(f"line={f.line}")
        where = "/".join(x for x in (f.target, f.key) if x)
        title = " ".join(x for x in ("ptarget", f.code, f"({where})" if where else "") if x)
        props.append(f"title={_escape_property(clean(title))}")
        level = "error" if f.severity == "error" else "warning"
        out.append(f"::{level} {','.join(props)}::{_escape_data(clean(_clip(f.message)))}")
    return "\n".join(out)


def json(findings: list[Finding]) -> str:
    return dumps([f.as_dict() for f in findings])


FORMATS = {"text": text, "github": github, "json": json}
"""The name → reporter registry behind `check --format`."""
