"""The test data sets and the one function that writes a data directory.

`make(tmp)` writes the demo data set (one plan, its source text, its figures) that most tests
share; `write(data, plans={...})` writes any set of plans, source texts and figures files, which
the other fixtures (the clerk's 青山, the reports' alpha and beta, the hostile payloads) use.
"""

from __future__ import annotations

from pathlib import Path

PLAN = """\
[plan]
city = "demo"
city_zh = "示例市"
title = "示例市科技创新行动方案(2021—2025年)"
title_en = "Demo city sci-tech action plan (2021-2025)"
start = 2021
end = 2025
baseline_year = 2020

[[target]]
id = "firms"
name = "高新技术企业"
name_en = "High-tech firms"
kind = "level"
value = 900
unit = "家"
baseline = { value = 500, year = 2020, source = "示例市统计公报2020" }
quote = "高新技术企业达到900家"

[[target]]
id = "contracts"
name = "技术合同成交额"
name_en = "Technology contracts"
kind = "level"
value = 450
unit = "亿元"
quote = "技术合同成交额达450亿元"

[[target]]
id = "platforms"
name = "新增研发平台"
name_en = "New R&D platforms"
kind = "increment"
value = 100
unit = "个"
deadline = 2025
quote = "新增研发平台100个"
"""

SOURCE = """\
# Source: a demo text written for the tests.

到2025年,高新技术企业达到900家,技术合同成交额达450亿元,新增研发平台100个。
"""

ACTUALS = """\
target,period,value,unit,basis,source,published,note
firms,2023,700,,,,,
contracts,2022,"2,800,000",万元,,,,
contracts,2023,350,亿元,,,,
platforms,2021,20,,,,,
platforms,2022,25,,,,,
platforms,2023,15,,,,,
"""


def write(data: Path, plans: dict[str, tuple[str, str | None, str | bytes | None]],
          indicators: str | None = None) -> Path:
    """Write `data/`: for each plan id, its plan text, its source text and its figures (a CSV's
    text or bytes), each left out where None; indicators.toml if given. Returns `data`."""
    (data / "sources").mkdir(parents=True, exist_ok=True)
    (data / "actuals").mkdir(exist_ok=True)
    for name, (plan, source, actuals) in plans.items():
        (data / f"{name}.toml").write_text(plan, encoding="utf-8")
        if source is not None:
            (data / "sources" / f"{name}.txt").write_text(source, encoding="utf-8")
        if isinstance(actuals, bytes):
            (data / "actuals" / f"{name}.csv").write_bytes(actuals)
        elif actuals is not None:
            (data / "actuals" / f"{name}.csv").write_text(actuals, encoding="utf-8")
    if indicators is not None:
        (data / "indicators.toml").write_text(indicators, encoding="utf-8")
    return data


def make(tmp: Path, plan: str = PLAN, source: str | None = SOURCE, actuals: str | None = ACTUALS,
         name: str = "demo") -> Path:
    """The demo data set in `tmp/data` (a plan may be given a variant of the demo's text)."""
    return write(tmp / "data", {name: (plan, source, actuals)})
