"""JSON output: UTF-8, unrounded numbers, ISO dates; never NaN or Infinity."""

from __future__ import annotations

import json
import math
from datetime import date


def _plain(obj: object) -> object:
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if isinstance(obj, date):
        return obj.isoformat()
    return obj


def dumps(obj: object) -> str:
    return json.dumps(_plain(obj), ensure_ascii=False, indent=2, allow_nan=False)
