"""What keeps a build with nothing to do quick (``make bench`` measures it).

- ``defer_matplotlib``: sphinx-gallery imports pyplot while it reads its
  configuration, only to select the Agg backend; it selects it again before each
  script it runs (``_reset_matplotlib``), and the Makefile exports
  ``MPLBACKEND=Agg``. Skipping the first import saves about 0.3 s when no
  figure is stale.
- ``freeze_heap``: when the build is over, the interpreter's last garbage
  collections walk every object Sphinx made, about half a second for nothing.
  ``gc.freeze()`` moves them out of the collector's sight; memory is freed at
  exit all the same.
"""

import gc

from sphinx.application import Sphinx


def defer_matplotlib() -> None:
    from sphinx_gallery import gen_gallery

    gen_gallery._import_matplotlib = lambda: None


def freeze_heap(app: Sphinx, exc) -> None:
    gc.freeze()
