#!/usr/bin/env python3
"""Seed fuzz/corpus/rules_price from testdata/cases/*.json.

Each seed is `{"rules": <case.rules>}` + "\\n---\\n" + `<case.request>`, the input format
of fuzz_targets/rules_price.rs. Run from anywhere: `python3 fuzz/seed.py`.
The corpus is gitignored (fuzz/corpus).
"""
import json
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
out = root / "fuzz" / "corpus" / "rules_price"
out.mkdir(parents=True, exist_ok=True)
count = 0
for case_path in sorted((root / "testdata" / "cases").glob("*.json")):
    case = json.loads(case_path.read_text())
    if "rules" not in case or "request" not in case:
        continue
    text = json.dumps({"rules": case["rules"]}) + "\n---\n" + json.dumps(case["request"])
    (out / case_path.stem).write_text(text)
    count += 1
print(f"wrote {count} seeds to {out}")
