"""deploy/kubernetes/: the Zero to JupyterHub values file for a large class, without a cluster.

The values are merged into the chart's default values as helm does (maps merged, lists and scalars
replaced) and validated against the chart's values schema with jsonschema, as `helm install` does
before rendering. The chart (values.yaml and values.schema.yaml, or values.schema.json) is not part of
this repository: the test reads it from Z2JH_CHART (a folder, e.g. from
`helm pull jupyterhub/jupyterhub --repo https://hub.jupyter.org/helm-chart/ --version 4.4.0 --untar`)
or ~/.cache/customer-value-tests/z2jh-4.4.0/, and skips that part with the reason when it is absent.
The other tests check what the course needs: the repo2docker image, the shared exchange, the
Formgrader service and who may open it, per-student limits and the nbgitpuller pull.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
K8S = ROOT / "deploy" / "kubernetes"
CHART_VERSION = "4.4.0"
EXCHANGE = "/srv/nbgrader/exchange"


def values() -> dict:
    return yaml.safe_load((K8S / "values.yaml").read_text())


def manifests(name: str) -> dict[tuple[str, str], dict]:
    return {(doc["kind"], doc["metadata"]["name"]): doc for doc in yaml.safe_load_all((K8S / name).read_text()) if doc}


def chart_dir() -> Path | None:
    for folder in (os.environ.get("Z2JH_CHART"), Path.home() / ".cache" / "customer-value-tests" / f"z2jh-{CHART_VERSION}"):
        if folder and (Path(folder) / "values.yaml").exists():
            return Path(folder)
    return None


def helm_merge(defaults: dict, overrides: dict) -> dict:
    """helm's coalescing of user values into the chart's: maps merged, anything else replaced, null removes."""
    merged = copy.deepcopy(defaults)
    for key, value in overrides.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = helm_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def schema_errors(user_values: dict) -> list[str]:
    import jsonschema

    chart = chart_dir()
    if chart is None:
        pytest.skip(f"the jupyterhub chart {CHART_VERSION} is not here (set Z2JH_CHART to a folder with its "
                    "values.yaml and values.schema.yaml/json, e.g. from `helm pull jupyterhub/jupyterhub "
                    f"--repo https://hub.jupyter.org/helm-chart/ --version {CHART_VERSION} --untar`)")
    if (chart / "values.schema.json").exists():
        schema = json.loads((chart / "values.schema.json").read_text())
    else:
        schema = yaml.safe_load((chart / "values.schema.yaml").read_text())
    merged = helm_merge(yaml.safe_load((chart / "values.yaml").read_text()), user_values)
    validator = jsonschema.Draft7Validator(schema)
    return sorted(f"{'.'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}"
                  for error in validator.iter_errors(merged))


def test_values_pass_the_charts_schema():
    assert schema_errors(values()) == []


def test_the_schema_check_catches_mistakes():
    """A misspelt key and a wrong type are errors: the check above is not vacuous."""
    wrong = values()
    wrong["singleuser"]["memroy"] = {"limit": "2G"}
    wrong["singleuser"]["cpu"]["limit"] = "two"
    errors = schema_errors(wrong)
    assert any("memroy" in error for error in errors), errors
    assert any(error.startswith("singleuser.cpu.limit") for error in errors), errors


def test_what_the_course_needs():
    v = values()
    single = v["singleuser"]
    # the user image: repo2docker's build of this repository, the course kept out of the home volume
    assert single["image"]["name"] and "--target-repo-dir /srv/customer-value" in (K8S / "values.yaml").read_text()
    start = K8S / "singleuser-start"
    assert single["cmd"] == ["/srv/customer-value/deploy/kubernetes/singleuser-start", "jupyterhub-singleuser"]
    assert os.access(start, os.X_OK)
    assert "binder/jupyter-student" in start.read_text() and "jupyter-selfstudy" not in start.read_text().split("set -euo")[1]
    # per-student limits
    assert 0 < single["cpu"]["guarantee"] <= single["cpu"]["limit"]
    assert single["memory"]["guarantee"] and single["memory"]["limit"]
    # the shared exchange, ReadWriteMany, where the global nbgrader configuration looks for it
    mounts = {m["name"]: m["mountPath"] for m in single["storage"]["extraVolumeMounts"]}
    claims = {vol["name"]: vol.get("persistentVolumeClaim", {}).get("claimName") for vol in single["storage"]["extraVolumes"]}
    assert mounts["nbgrader-exchange"] == EXCHANGE and claims["nbgrader-exchange"] == "nbgrader-exchange"
    storage = manifests("storage.yaml")
    assert storage[("PersistentVolumeClaim", "nbgrader-exchange")]["spec"]["accessModes"] == ["ReadWriteMany"]
    assert "chmod 1777" in json.dumps(storage[("Job", "nbgrader-exchange-permissions")])
    config = storage[("ConfigMap", "nbgrader-global-config")]["data"]["nbgrader_config.py"]
    assert EXCHANGE in config and 'course_id = "customer-value"' in config
    # nbgitpuller: the course pulled (merged) into ~/customer-value at every start, opened there
    post_start = single["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert post_start[0] == "gitpuller" and post_start[-1] == "customer-value"
    assert single["defaultUrl"].startswith("/lab/tree/customer-value/")
    # Formgrader: a hub service for the group formgrade-customer-value, run by formgrader.yaml
    hub = v["hub"]
    assert set(hub["services"]) == {"customer-value"}
    role = hub["loadRoles"]["formgrade-customer-value"]
    assert role["groups"] == ["formgrade-customer-value"] and "access:services!service=customer-value" in role["scopes"]
    formgrader = manifests("formgrader.yaml")
    deployment = formgrader[("Deployment", "formgrader-customer-value")]["spec"]["template"]["spec"]
    container = deployment["containers"][0]
    env = {e["name"]: e for e in container["env"]}
    assert env["JUPYTERHUB_API_TOKEN"]["valueFrom"]["secretKeyRef"]["key"] == "hub.services.customer-value.apiToken"
    assert env["JUPYTERHUB_SERVICE_PREFIX"]["value"] == "/services/customer-value/"
    assert {m["mountPath"] for m in container["volumeMounts"]} >= {EXCHANGE, "/srv/course"}
    port = formgrader[("Service", "formgrader-customer-value")]["spec"]["ports"][0]["port"]
    assert hub["services"]["customer-value"]["url"] == f"http://formgrader-customer-value:{port}"
