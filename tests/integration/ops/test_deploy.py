"""deploy/ is checked offline: hadolint, the compose schema, nats-server's config test and the
Kubernetes schemas of each rendered overlay, plus the properties operators rely on."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"
BIN = Path(sys.executable).parent
SERVICES = ("projects", "governance", "resources", "reporting")


def tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        pytest.skip(f"{name} is not installed (make install adds it from requirements-dev.txt)")
    return str(path)


def kubectl() -> str:
    found = shutil.which("kubectl")
    if found is None:
        pytest.skip("kubectl is not installed, so the overlays cannot be rendered offline")
    return found


def render(overlay: str) -> list[dict]:
    out = subprocess.run([kubectl(), "kustomize", str(DEPLOY / "k8s" / "overlays" / overlay)],
                         capture_output=True, text=True, check=True).stdout
    return [doc for doc in yaml.safe_load_all(out) if doc]


def test_every_deploy_file_passes_the_offline_validators():
    for name in ("hadolint", "check-jsonschema", "kubernetes-validate", "nats-server"):
        tool(name)
    done = subprocess.run(["bash", str(DEPLOY / "validate.sh")], capture_output=True, text=True,
                          env={"BIN": str(BIN), "PATH": "/usr/bin:/bin"}, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "all deploy checks passed" in done.stderr


def test_hadolint_fails_a_recipe_with_an_unpinned_base_image(tmp_path):
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python:latest\nRUN pip install fastapi\n")
    done = subprocess.run([tool("hadolint"), "--failure-threshold", "warning", str(bad)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "DL3007" in done.stdout


def test_kubernetes_validate_fails_a_deployment_with_an_unknown_field(tmp_path):
    deployments = [d for d in render("prod") if d["kind"] == "Deployment"]
    deployments[0]["spec"]["replica"] = 2
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(deployments[0]))
    done = subprocess.run([tool("kubernetes-validate"), "--strict", "--quiet", str(bad)],
                          capture_output=True, text=True, check=False)
    assert done.returncode != 0


def test_the_image_runs_one_uvicorn_process_as_a_non_root_user_with_a_livez_healthcheck():
    recipe = (DEPLOY / "Dockerfile").read_text()
    assert "FROM python:3.11-slim" in recipe
    assert "\nUSER 10001:10001\n" in recipe
    assert "/livez" in recipe.split("HEALTHCHECK", 1)[1]
    assert 'exec python -m \\"pmo_${PMO_SERVICE}\\" serve' in recipe


def test_compose_migrates_each_database_before_its_service_starts():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())["services"]
    for name in SERVICES:
        assert compose[f"migrate-{name}"]["command"] == ["python", "-m", f"pmo_{name}", "migrate"]
        assert compose[name]["depends_on"][f"migrate-{name}"] == {
            "condition": "service_completed_successfully"}
    assert compose["nats"]["command"] == ["-c", "/etc/nats/nats.conf"]


def test_the_prod_overlay_runs_two_replicas_of_each_service_on_a_three_replica_stream():
    docs = render("prod")
    replicas = {d["metadata"]["name"]: d["spec"]["replicas"] for d in docs if d["kind"] == "Deployment"}
    [config] = [d for d in docs if d["kind"] == "ConfigMap"]
    jobs = {d["metadata"]["name"] for d in docs if d["kind"] == "Job"}
    assert replicas == {f"pmo-{name}": 2 for name in SERVICES}
    assert config["data"]["PMO_STREAM_REPLICAS"] == "3"
    assert len(config["data"]["PMO_NATS_URL"].split(",")) == 3
    assert jobs == {f"pmo-{name}-migrate" for name in SERVICES}


def test_every_deployment_probes_livez_and_readyz_and_has_resource_requests():
    for doc in render("dev"):
        if doc["kind"] != "Deployment":
            continue
        [container] = doc["spec"]["template"]["spec"]["containers"]
        assert container["livenessProbe"]["httpGet"]["path"] == "/livez"
        assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
        assert set(container["resources"]["requests"]) == {"cpu", "memory"}
