"""The model and the headless commands never import Textual (issue 2: pre-commit start-up)."""

import os
import subprocess
import sys
from pathlib import Path

import tui.digest

ROOT = Path(__file__).resolve().parent.parent
DIGEST = sorted(p.stem for p in Path(tui.digest.__file__).parent.glob("*.py") if p.stem != "__init__")


def _env(tmp_path):
    env = dict(os.environ)
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # never the user's real config
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    return env


def test_model_modules_do_not_import_textual(tmp_path):
    assert {"post", "parse", "blocks", "toc", "regen", "postfile", "newpost", "anchors", "frontmatter"} <= set(DIGEST)
    imports = "; ".join(f"import tui.digest.{name}" for name in DIGEST)
    code = (
        f"import tui.cli, tui.config, tui.effective; {imports}; import sys; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'));"
        "assert not any(m.startswith('textual') for m in sys.modules), bad"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(tmp_path), cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_check_command_does_not_import_textual(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("## 목차\n\n- [A](#a)\n\n### A\n", encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    # The installed console script is a Python file, so -X importtime sees its imports.
    script = Path(sys.executable).parent / "newsdigest-tui"
    entry = [str(script)] if script.exists() else ["-c", "import sys; from tui.cli import main; sys.exit(main())"]
    for command in ("check", "fix"):
        result = subprocess.run(
            [sys.executable, "-X", "importtime", *entry, command, str(post), "--config", str(config)],
            capture_output=True, text=True, env=_env(tmp_path), cwd=tmp_path,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if "import time:" in line]
        assert "tui.digest.post" in imported  # the probe did see the model load
        assert not [m for m in imported if m.startswith("textual")]
