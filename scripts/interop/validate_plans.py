"""Runs substrait-validator (offline) over relc's Substrait plans (relc interop suite, part 2).

Usage: validate_plans.py MANIFEST.json RESULT.json

Extension URIs resolve to local files only: the standard YAML files of the pinned
`substrait-extensions` package and relc's own functions_relc.yaml; nothing is downloaded.
Validator 0.1.4 checks against Substrait 0.57, whose YAML schema predates the top-level `urn`
key, so that key is dropped before the files are handed to it. Reports, per plan, the number of
errors (level >= 3) and warnings by diagnostic code, for every plan variant of a case.
"""

import json
import os
import re
import sys

import substrait_validator as sv

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RELC_YAML = os.path.join(ROOT, "src", "substrait-proto", "functions_relc.yaml")
RELC_URI = "https://relc.dev/substrait/extensions/functions_relc.yaml"
STANDARD_PREFIX = "https://github.com/substrait-io/substrait/blob/main/extensions/"


def standard_dir():
    import importlib.util

    spec = importlib.util.find_spec("substrait_extensions")
    # A namespace package: no __init__, so its location comes from the search path.
    return os.path.join(list(spec.submodule_search_locations)[0], "extensions")


def make_resolver():
    std = standard_dir()

    def resolve(uri):
        if uri == RELC_URI:
            path = RELC_YAML
        elif uri.startswith(STANDARD_PREFIX):
            path = os.path.join(std, uri[len(STANDARD_PREFIX):])
        else:
            raise ValueError(f"no local copy of {uri}")
        text = open(path, encoding="utf-8").read()
        return re.sub(r"(?m)^urn:.*\n", "", text).encode()

    return resolve


DIAGNOSTIC = re.compile(r"^(Info|Warning|Error) at (.*?): (.*) \(code (\d+)\)$")


def diagnostics(text):
    """(level, path, message) of the validator's text export, one diagnostic per line (a
    line that does not start a diagnostic continues the previous one)."""
    out = []
    for line in text.splitlines():
        m = DIAGNOSTIC.match(line)
        if m:
            out.append([m.group(1), m.group(2), m.group(3)])
        elif out:
            out[-1][2] += " " + line.strip()
    return out


def validate(path, resolver):
    cfg = sv.Config()
    cfg.add_uri_resolver(resolver)
    cfg.set_max_uri_resolution_depth(4)
    # "not yet implemented" (code 1) means the validator cannot check a construct (e.g.
    # precision_timestamp literals in 0.1.4), not that the plan is wrong: counted apart.
    cfg.override_diagnostic_level(1, "info", "warning")
    # The text export, not the parse-result tree: deep plans (TPC-H) nest that tree deeper
    # than the Python protobuf runtime's recursion limit lets it be parsed.
    diags = diagnostics(sv.plan_to_result_handle(open(path, "rb").read(), cfg).export_diagnostics())
    errors = [d for d in diags if d[0] == "Error"]
    warnings = {}
    for level, _, msg in diags:
        if level == "Warning":
            key = re.sub(r"\d+", "#", msg.split(":")[0])[:60]
            warnings[key] = warnings.get(key, 0) + 1
    return {
        "errors": [f"{p}: {m}" for _, p, m in errors][:5],
        "error_count": len(errors),
        "warnings": warnings,
    }


def main():
    manifest = json.load(open(sys.argv[1]))
    resolver = make_resolver()
    results = {}
    for corpus in manifest["corpora"]:
        for case in corpus["cases"]:
            results[case["id"]] = {profile: validate(files["bin"], resolver) for profile, files in case["plans"].items()}
    json.dump(results, open(sys.argv[2], "w"), indent=1)


if __name__ == "__main__":
    main()
