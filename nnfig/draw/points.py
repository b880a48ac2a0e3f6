"""Points in the plane: two classes told apart by colour and marker, lines across a square."""

import numpy as np

from nnfig.draw.style import CLASS_MARKERS, palette


def scatter_classes(ax, x, y, *, size=28, labels=("class 0", "class 1")) -> None:
    """Two classes, told apart by colour and by marker shape."""
    p = palette()
    for c in (0, 1):
        pts = x[y == c]
        ax.scatter(
            pts[:, 0],
            pts[:, 1],
            s=size,
            c=p.classes[c],
            marker=CLASS_MARKERS[c],
            edgecolors=p.paper,
            linewidths=0.6,
            label=labels[c],
            zorder=3,
        )


def line_points(w, b, lim: float) -> np.ndarray:
    """Two points on the line w·x + b = 0 spanning the square [−lim, lim]²."""
    t = np.array([-lim, lim]) * 1.5
    if abs(w[1]) >= abs(w[0]):
        return np.column_stack([t, -(w[0] * t + b) / w[1]])
    return np.column_stack([-(w[1] * t + b) / w[0], t])
