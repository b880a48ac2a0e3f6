"""What the stamps are computed from: code and code cells, not prose."""

from nnfig.sphinxext.stale import inputs_digest

PAGE = """# A chapter

Some prose.

```{code-cell} python
:tags: [remove-cell]
from nnfig import FIGURES
```
"""


def test_the_stamps_inputs_ignore_prose_and_follow_code_cells(tmp_path):
    page = tmp_path / "chapter.md"
    page.write_text(PAGE)
    before = inputs_digest(tmp_path)
    page.write_text(PAGE.replace("Some prose.", "Some other prose."))
    assert inputs_digest(tmp_path) == before  # a prose edit follows no definition again
    page.write_text(PAGE.replace("import FIGURES", "import FIGURES, save"))
    assert inputs_digest(tmp_path) != before
