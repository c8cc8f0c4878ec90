"""hub/config.yaml, the course's Zero to JupyterHub values, against the chart's own values schema.

helm validates a release's values (the chart's defaults, hub/chart/values.yaml, with the
user's values merged over them) against the chart's values.schema.json; the chart's schema
says ``additionalProperties: false`` almost everywhere, so a misspelt key is an error there
and here, instead of a setting silently ignored. hub/chart/SOURCE.md names the chart version.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from helpers import ROOT

HUB = ROOT / "hub"
CHART = HUB / "chart"


def merge(defaults, override):
    """helm's merge of user values over a chart's defaults: maps merge key by key, anything else
    replaces, and a null removes the key (helm's documented way to delete a default)."""
    if not (isinstance(defaults, dict) and isinstance(override, dict)):
        return copy.deepcopy(override)
    merged = copy.deepcopy(defaults)
    for key, value in override.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = merge(merged.get(key), value)
    return merged


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def errors(values: dict) -> list[str]:
    validator = jsonschema.Draft7Validator(load(CHART / "values.schema.yaml"))
    merged = merge(load(CHART / "values.yaml"), values)
    return sorted(f"{'.'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}"
                  for error in validator.iter_errors(merged))


def test_the_schema_is_a_valid_draft_7_schema():
    jsonschema.Draft7Validator.check_schema(load(CHART / "values.schema.yaml"))


def test_the_chart_defaults_pass_their_own_schema():
    assert errors({}) == []


def test_the_course_values_pass_the_chart_schema():
    assert errors(load(HUB / "config.yaml")) == []


@pytest.mark.parametrize("mistake", [
    {"singleuser": {"memmory": {"limit": "1G"}}},          # misspelt key
    {"singleuser": {"memory": {"limits": "1G"}}},          # plural where the chart has `limit`
    {"cul": {"enabled": True}},                            # misspelt top-level section
    {"cull": {"timeout": "one hour"}},                     # a string where a number of seconds goes
    {"singleuser": {"image": {"name": "x", "tag": "y", "pullpolicy": "Always"}}},
])
def test_a_mistake_in_the_values_fails(mistake):
    values = merge(load(HUB / "config.yaml"), mistake)
    assert errors(values), f"the schema let {mistake} through"


def test_merge_follows_helm():
    assert merge({"a": {"b": 1, "c": 2}, "d": 3}, {"a": {"b": 5}, "d": None}) == {"a": {"b": 5, "c": 2}}
    assert merge({"a": [1, 2]}, {"a": [3]}) == {"a": [3]}


def test_the_values_pin_memory_and_cull_idle_servers():
    values = load(HUB / "config.yaml")
    memory = values["singleuser"]["memory"]

    def megabytes(text: str) -> float:
        number, unit = re.fullmatch(r"(\d+(?:\.\d+)?)([MG])", str(text)).groups()
        return float(number) * (1000 if unit == "G" else 1)

    assert 0 < megabytes(memory["guarantee"]) <= megabytes(memory["limit"])
    assert values["cull"]["enabled"] is True and values["cull"]["timeout"] > 0


def test_the_chart_copy_names_its_version_source_and_licence():
    note = (CHART / "SOURCE.md").read_text(encoding="utf-8")
    version = re.search(r"release tag `([\d.]+)`", note).group(1)
    assert f"zero-to-jupyterhub-k8s/blob/{version}/jupyterhub/values.schema.yaml" in note
    assert "BSD 3-Clause" in (CHART / "LICENSE").read_text(encoding="utf-8")
    assert f"chart {version}" in (HUB / "README.md").read_text(encoding="utf-8")
