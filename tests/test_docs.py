"""The README matches the code: every setting documented, the Python example runs."""

from __future__ import annotations

import re

from debatebot.settings import REPO_ROOT, Settings

from .conftest import copy_sources

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme_table() -> None:
    documented = set(re.findall(r"^\| `DEBATEBOT_([A-Z_]+)` \|", README, re.M))
    assert documented == {name.upper() for name in Settings.model_fields}


def test_quick_start_has_exactly_two_commands_and_ci_runs_the_second() -> None:
    block = README.split("## Quick start", 1)[1].split("```bash\n", 1)[1].split("```", 1)[0]
    commands = [ln for ln in block.splitlines() if ln.strip() and not ln.startswith("#")]
    assert len(commands) == 2
    assert commands[1] in (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")


def python_examples() -> list[str]:
    return [block.split("```", 1)[0] for block in README.split("```python\n")[1:]]


def test_the_python_example_runs(monkeypatch, tmp_path, capsys) -> None:
    monkeypatch.setenv("DEBATEBOT_INDEX_DIR", str(copy_sources(tmp_path)))
    exec(compile(python_examples()[0], "README.md", "exec"), {})
    assert "[1]" in capsys.readouterr().out


def test_the_classroom_walk_through_runs(monkeypatch, tmp_path, capsys) -> None:
    monkeypatch.setenv("DEBATEBOT_INDEX_DIR", str(copy_sources(tmp_path)))
    monkeypatch.chdir(tmp_path)
    walk_through = python_examples()[1]
    assert "bot.steelman(" in walk_through
    exec(compile(walk_through, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "open -> closed" in out and "('closed', 'opening')" in out
    assert "Closed labs can afford" in out
    handout = (tmp_path / "debate.md").read_text(encoding="utf-8")
    assert "## Debate: Open-source AI will win" in handout and "**Sources**" in handout
