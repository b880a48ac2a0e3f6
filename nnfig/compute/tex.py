"""Numbers as LaTeX, so that printed equations are generated from the arrays they show."""

import numpy as np


def linear_tex(weights, bias: float, names: list[str]) -> str:
    """A weighted sum written as a person would: '2x_1 + x_2', 'h_1 - h_2', '0'."""
    terms = []
    for w, name in zip(weights, names, strict=True):
        if w != 0:
            terms.append((w, name if abs(w) == 1 else f"{abs(w):g}{name}"))
    if bias:
        terms.append((bias, f"{abs(bias):g}"))
    if not terms:
        return "0"
    text = ("-" if terms[0][0] < 0 else "") + terms[0][1]
    return text + "".join(f" {'-' if w < 0 else '+'} {t}" for w, t in terms[1:])


def matrix_tex(a) -> str:
    """An array as a LaTeX bmatrix; whole numbers print without decimals."""
    rows = np.atleast_2d(np.asarray(a, dtype=float))
    body = r" \\ ".join(" & ".join(f"{v:g}" for v in row) for row in rows)
    return r"\begin{bmatrix} " + body + r" \end{bmatrix}"
