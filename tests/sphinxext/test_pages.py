"""Pages' cells run before Sphinx reads them (nnfig.sphinxext.pages), on a project of its own."""

from pathlib import Path

import pytest

from tests.util import sphinx_build

pytestmark = pytest.mark.build

CONF = """
extensions = ["myst_nb", "nnfig.sphinxext.pages"]
nb_execution_mode = "cache"
nb_execution_raise_on_error = True
"""
INDEX = "# Pages\n\n```{toctree}\n{pages}\n```\n"
NOTEBOOK = """---
file_format: mystnb
kernelspec:
  name: python3
  display_name: Python 3
---
# {title}

```{{code-cell}} python
:tags: [remove-cell]
from myst_nb import glue
{code}
```

The answer is {{glue:}}`answer`.
"""
GOOD = NOTEBOOK.format(title="Good", code='glue("answer", 6 * 7, display=False)')
BAD = NOTEBOOK.format(title="Bad", code='raise RuntimeError("broken on purpose")')


def _project(tmp_path: Path, **pages: str) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(CONF)
    (src / "index.md").write_text(INDEX.replace("{pages}", "\n".join(pages)))
    for name, text in pages.items():
        (src / f"{name}.md").write_text(text)
    return src


def test_cells_run_before_reading_and_the_reader_takes_their_cached_outputs(tmp_path):
    src = _project(tmp_path, good=GOOD)
    result = sphinx_build(src, tmp_path / "html")
    assert result.returncode == 0, result.stdout[-3000:]
    assert "nnfig: ran the cells of good before reading it" in result.stdout
    # myst-nb, reading the page, found its outputs and ran nothing itself.
    assert "good.md: Using cached notebook" in result.stdout
    assert "Executing notebook" not in result.stdout
    page = (tmp_path / "html" / "good.html").read_text()
    assert 'The answer is <span class="output text_plain">42</span>' in page
    # Nothing to do: no page is opened, let alone run.
    again = sphinx_build(src, tmp_path / "html")
    assert again.returncode == 0 and "nnfig: ran the cells" not in again.stdout


def test_a_page_whose_cells_fail_fails_the_build_and_is_named(tmp_path):
    result = sphinx_build(_project(tmp_path, good=GOOD, bad=BAD), tmp_path / "html")
    assert result.returncode != 0
    assert "nnfig: ran the cells of good" in result.stdout
    assert "nnfig: ran the cells of bad" not in result.stdout
    assert "bad.md" in result.stdout
