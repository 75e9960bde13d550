"""docker-compose.yml: valid against the Compose specification (check-jsonschema's vendored
schema), and wired the way the README says: health before use, settings that exist."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from debatebot.settings import REPO_ROOT, Settings

COMPOSE = REPO_ROOT / "docker-compose.yml"


def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def test_the_compose_file_validates_against_the_compose_specification() -> None:
    checker = Path(sys.executable).parent / "check-jsonschema"
    result = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.compose-spec", str(COMPOSE)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_validator_rejects_a_broken_compose_file(tmp_path) -> None:
    broken = tmp_path / "docker-compose.yml"
    broken.write_text(
        "services:\n  app:\n    ports: 7860\n    depends_on: {db: {condition: maybe}}\n"
    )
    checker = Path(sys.executable).parent / "check-jsonschema"
    result = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.compose-spec", str(broken)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1


def test_every_service_waits_for_what_it_uses_to_be_healthy() -> None:
    services = compose()["services"]
    assert {"ollama", "ollama-init", "chroma-db", "chroma", "app"} <= set(services)
    for name in ("ollama", "chroma-db", "chroma", "app"):
        assert services[name]["healthcheck"]["test"], name
    # the app's check is also the image's, for `docker run` (an OCI-format build, podman's
    # default, drops HEALTHCHECK: so compose states it too)
    assert "HEALTHCHECK" in (REPO_ROOT / "Dockerfile").read_text()
    needs = services["app"]["depends_on"]
    assert needs["ollama"]["condition"] == "service_healthy"
    assert needs["chroma"]["condition"] == "service_healthy"
    assert needs["ollama-init"]["condition"] == "service_completed_successfully"
    for service in services.values():
        for other in service.get("depends_on", {}):
            assert other in services


def test_models_and_data_live_in_named_volumes() -> None:
    spec = compose()
    named = set(spec["volumes"])
    mounts = {
        name: [v.split(":")[0] for v in service.get("volumes", [])]
        for name, service in spec["services"].items()
    }
    assert {"ollama-models", "chroma-data", "debatebot-index"} == named
    assert "ollama-models" in mounts["ollama"]
    assert "chroma-data" in mounts["chroma-db"]
    assert "debatebot-index" in mounts["app"]


def test_every_debatebot_variable_in_the_compose_file_is_a_setting() -> None:
    text = COMPOSE.read_text(encoding="utf-8") + (REPO_ROOT / "deploy" / "example.env").read_text()
    names = set(re.findall(r"\bDEBATEBOT_([A-Z_]+)\b", text)) - {"PORT"}  # the host port
    fields = {name.upper() for name in Settings.model_fields}
    assert names and names <= fields, names - fields


def test_the_page_on_the_network_needs_a_password_and_the_app_talks_to_the_servers() -> None:
    app = compose()["services"]["app"]
    env = app["environment"]
    assert "--host" in app["command"] and "0.0.0.0" in app["command"]
    assert ":?" in env["DEBATEBOT_UI_PASSWORD"]  # compose refuses to start without one
    assert env["DEBATEBOT_BACKEND"] == "ollama"
    assert (
        env["DEBATEBOT_CHROMA_TOKEN"]
        == compose()["services"]["chroma"]["environment"]["CHROMA_TOKEN"]
    )
    init = compose()["services"]["ollama-init"]
    assert init["command"][:3] == ["debatebot", "models", "register"]
