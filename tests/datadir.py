"""A small data directory written into tmp_path, for CLI and check tests."""

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


def make(tmp: Path, plan: str = PLAN, source: str | None = SOURCE, actuals: str | None = ACTUALS,
         name: str = "demo") -> Path:
    data = tmp / "data"
    (data / "sources").mkdir(parents=True, exist_ok=True)
    (data / "actuals").mkdir(exist_ok=True)
    (data / f"{name}.toml").write_text(plan, encoding="utf-8")
    if source is not None:
        (data / "sources" / f"{name}.txt").write_text(source, encoding="utf-8")
    if actuals is not None:
        (data / "actuals" / f"{name}.csv").write_text(actuals, encoding="utf-8")
    return data
