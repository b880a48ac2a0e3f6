"""The chapters' exercises: their answers hold, and each page prints exactly those answers.

The unit tests check a property of every answer in ``nnfig.compute.exercises``
(it satisfies its equation, a prediction in the solution holds), not just its
value. The build test reads every chapter page: at least three numbered
exercises, each with its solution in a toggle, and every number the solutions
print equal to the answer, formatted as the chapter formats it.
"""

import re

import numpy as np
import pytest

from nnfig import FIGURES
from nnfig.compute import (
    bumps,
    catalogue,
    exercises,
    layers,
    mapping,
    perceptron,
    small_net,
    tensors,
)
from nnfig.registry import CHAPTERS

# Perceptrons ---------------------------------------------------------------------------


def test_boundary_intercepts_lie_on_the_line_at_the_stated_distance():
    w, b = np.asarray(perceptron.CLASSIFIER_W), exercises.BOUNDARY_B
    line = exercises.boundary()
    for point in [(line.x1_intercept, 0.0), (0.0, line.x2_intercept)]:
        assert np.asarray(point) @ w + b == pytest.approx(0.0)
    nearest = -b * w / (w @ w)  # the foot of the perpendicular from the origin
    assert nearest @ w + b == pytest.approx(0.0)
    assert line.distance == pytest.approx(np.linalg.norm(nearest))
    assert line.distance_doubled == pytest.approx(line.distance / 2)
    field = FIGURES["perceptron-classifier"].data(b=b)  # the figure the reader draws
    assert field.b == b
    assert line.y == (line.z > 0) == 1.0


def test_first_update_by_the_rule_is_the_runs_first_update():
    learning = perceptron.learning()
    step = exercises.first_update(learning)
    assert step.y_hat != step.y  # only a mistake triggers an update
    np.testing.assert_allclose(step.w1, learning.run.w[1])
    assert step.b1 == pytest.approx(learning.run.b[1])
    # The solution says this one update puts the point on its own side.
    z_after, y_after = perceptron.perceptron(step.x, step.w1, step.b1)
    assert z_after == pytest.approx(step.z + step.lr * (step.x @ step.x + 1))
    assert y_after == step.y


def test_the_seed_changes_the_number_of_updates_and_the_step_size_does_not():
    runs = exercises.reruns()
    assert runs.seeds[0] == 2  # the book's figure
    assert runs.updates.size == 4  # "All four runs"
    assert len(set(runs.updates[:, 0])) == len(runs.seeds)  # every seed its own count
    assert (runs.updates == runs.updates[:, :1]).all()  # the same count at every step size
    assert (runs.updates[:, 0] <= runs.bound).all()  # Novikoff's bound holds
    for seed, bound in zip(runs.seeds, runs.bound, strict=True):  # the same at every step size
        for lr in runs.rates:
            drawn = FIGURES["perceptron-learning"].data(seed=seed, lr=lr)
            assert int(drawn.convergence.bound_from_start) == bound
    assert runs.updates[0, 0] == len(FIGURES["perceptron-learning"].data().run.w) - 1


# Multilayer perceptrons ----------------------------------------------------------------


def test_forward_by_hand_one_point_in_the_wedge_and_one_with_both_units_off():
    out = exercises.forward_by_hand()
    shown = small_net.forward([list(x) for x in exercises.FORWARD_POINTS])  # the listed call
    np.testing.assert_array_equal(shown.z3, out.z3)
    np.testing.assert_allclose(out.z, out.x @ small_net.W1.T)  # z = W1 x, by hand
    np.testing.assert_allclose(out.z3, out.h[:, 0] - out.h[:, 1])  # z3 = h1 − h2
    assert out.y.tolist() == [1.0, 0.0]
    assert (out.z[0] > 0).all() and (out.h[1] == 0).all() and out.z3[1] == 0


def test_bump_budget_counts_and_the_fourfold_error_drop():
    budget = exercises.bump_budget()
    for m, relus, params in zip(budget.counts, budget.relus, budget.parameters, strict=True):
        # The net as built: 4 relus a tent, a weight and a bias in, a weight out, one bias.
        parts = [len(bumps.bump_parts(0.0, -1, 1, 0.5)) for _ in range(m)]
        assert relus == sum(parts)
        assert params == 3 * relus + 1
    assert all(b == 2 * a for a, b in zip(budget.counts, budget.counts[1:], strict=False))
    assert all(3.5 < r < 5 for r in budget.ratios)  # the error falls like 1/M²
    # Merged by shift, M + 2 relus compute the same sum of tents.
    x = np.linspace(*bumps.DOMAIN, 2001)
    for m, merged in zip(budget.counts, budget.merged, strict=True):
        assert merged == m + 2
        shifts = exercises.kinks(m)
        step = shifts[1] - shifts[0]
        heights = np.concatenate([[0.0], bumps.target(shifts[1:-1]), [0.0]])
        weights = np.convolve(heights, [1, -2, 1], mode="full")[1:-1] / step  # changes of slope
        net = layers.relu(x[:, None] - shifts) @ weights
        np.testing.assert_allclose(net, bumps.approximate(x, m), atol=1e-9)
    drawn = FIGURES["relu-bumps"].data()
    shared = set(drawn.counts) & set(budget.counts)
    assert shared  # the figure's M and the exercise's overlap, with the same errors
    for m in shared:
        assert budget.errors[budget.counts.index(m)] == drawn.errors[drawn.counts.index(m)]


def test_too_small_and_too_large_steps_both_miss_points():
    rates = exercises.learning_rates()
    book = rates.rates.index(0.1)
    assert rates.accuracy[book] == FIGURES["fast-slow"].data().accuracy == 1.0
    assert all(a < 1.0 for i, a in enumerate(rates.accuracy) if i != book)
    assert list(rates.drift) == sorted(rates.drift)  # larger steps go further
    for accuracy, correct in zip(rates.accuracy, rates.correct, strict=True):
        assert correct / rates.n_points == accuracy
    assert rates.dead[-1] >= 1 and rates.dead[book] == 0


# A catalogue of layers -----------------------------------------------------------------


def test_two_linear_layers_are_one():
    merged = exercises.collapse()
    rng = np.random.default_rng(0)
    x = rng.normal(size=(5, 2))
    two = layers.linear(layers.linear(x, small_net.W1, small_net.b1), small_net.W2, small_net.b2)
    np.testing.assert_allclose(layers.linear(x, merged.w, merged.b), two)
    assert merged.two_layers == 100 * 785 + 10 * 101 and merged.one_layer == 10 * 785
    assert merged.correct < merged.n_points  # a perceptron cannot classify the wedge


def test_softmax_ignores_a_shift_and_the_temperature_gives_the_share():
    hot = exercises.temperature()
    np.testing.assert_allclose(hot.shifted, hot.probabilities)
    assert hot.probabilities.sum() == pytest.approx(1.0)
    top = int(np.argmax(catalogue.SCORES))
    assert layers.softmax(np.array(catalogue.SCORES), hot.tau)[top] == pytest.approx(hot.share)
    drawn = FIGURES["softmax-temperature"].data(temperatures=(1.0, hot.tau))
    assert drawn.probabilities[1, top] == pytest.approx(hot.share)
    below, above = temperature_neighbours(hot.tau)
    assert below < hot.tau < above


def temperature_neighbours(tau: float) -> tuple[float, float]:
    """The bar-chart temperatures of ``softmax-temperature`` just below and just above ``tau``."""
    taus = np.array(catalogue.TEMPERATURES)
    return float(taus[taus < tau].max()), float(taus[taus > tau].min())


def test_batchnorm_by_hand():
    bn = exercises.batchnorm_by_hand()
    np.testing.assert_allclose(bn.scores, (bn.x - bn.mean) / bn.std)
    assert bn.scores.mean() == pytest.approx(0.0, abs=1e-12)
    assert bn.scores.std() == pytest.approx(1.0)
    assert bn.out.mean() == pytest.approx(bn.beta) and bn.out.std() == pytest.approx(abs(bn.gamma))
    np.testing.assert_allclose(bn.shifted_out, bn.out)  # blind to a shared offset
    # The call the solution shows, with the default ε, prints the same three decimals.
    x = bn.x[:, None]
    for batch in (x, x + bn.shift):
        shown = layers.batchnorm(batch, bn.gamma, bn.beta)[:, 0]
        assert prose(shown, ".3f") == prose(bn.out, ".3f")


# Tensors and batches -------------------------------------------------------------------


def test_image_batch_sizes():
    size = exercises.image_batch(**exercises.IMAGE_BATCH)
    n, h, w, c, k = (exercises.IMAGE_BATCH[a] for a in "nhwck")
    assert size.channels_last == (n, h, w, c) and size.channels_first == (n, c, h, w)
    assert size.numbers == np.prod(size.channels_last) == np.prod(size.channels_first)
    assert size.linear_parameters == k * (h * w * c + 1) == k * size.per_class


def test_a_fourth_row_leaves_the_other_rows_alone():
    longer, book = exercises.extended_batch(), tensors.batch()
    shown = tensors.batch_tensors([*tensors.BATCH, list(exercises.EXTRA_POINT)])  # the listed call
    for name, value in longer.items():
        np.testing.assert_array_equal(shown[name], value)
    for name in ("Z", "H", "Z3", "Y"):
        np.testing.assert_array_equal(longer[name][:-1], book[name])
        assert longer[name].shape[0] == book[name].shape[0] + 1
    for name in ("W1", "b1", "W2", "b2"):
        assert longer[name].shape == book[name].shape
    assert (longer["Z"][-1] > 0).all()  # the solution: the relu changes nothing
    np.testing.assert_array_equal(longer["H"][-1], longer["Z"][-1])


def test_the_missing_transpose_runs_and_changes_labels():
    slip = exercises.transposed_mistake()
    np.testing.assert_allclose(slip.z_wrong, tensors.BATCH @ small_net.W1)
    assert slip.z_wrong.shape == slip.z.shape
    assert slip.changed == int((slip.y != slip.y_wrong).sum()) == len(slip.y)  # "all"


# Neural nets as distribution transformers ----------------------------------------------


@pytest.mark.parametrize("target", [exercises.ONE_HOT, exercises.SOFT_TARGET])
def test_cross_entropy_is_divergence_plus_entropy(target):
    split = exercises.cross_entropy_split(target, exercises.PREDICTION)
    assert split.cross_entropy == pytest.approx(split.kl + split.entropy)
    assert split.kl > 0
    best = exercises.cross_entropy_split(target, target)
    assert best.kl == pytest.approx(0.0) and best.cross_entropy == pytest.approx(split.entropy)
    # and any other prediction does worse than the target itself
    for p in np.linspace(0.05, 0.95, 19):
        assert exercises.cross_entropy_split(target, (p, 1 - p)).cross_entropy >= best.cross_entropy


def test_a_fold_doubles_the_pieces_only_inside_the_range():
    x = np.linspace(-2, 2, 4001)
    assert exercises.linear_pieces(x, np.abs(x)) == 2  # the counter itself
    assert exercises.linear_pieces(x, 3 * x) == 1
    book, inside, outside = exercises.fold_pieces()
    assert exercises.FOLD_STACKS[0] == mapping.FOLDS
    assert (book, inside, outside) == (4, 2 * book, book)


def test_narrowest_widths_solve_their_inequalities_and_match_sampling():
    w = exercises.narrowest_widths()
    assert 0.5**w.independent < w.share <= 0.5 ** (w.independent - 1)
    assert 1 / (w.correlated + 1) < w.share <= 1 / w.correlated
    for measured, expected in [
        (w.measured_independent, 0.5**w.independent),
        (w.measured_correlated, 1 / (w.correlated + 1)),
    ]:
        assert abs(measured - expected) < 4 * np.sqrt(expected * (1 - expected) / w.n_samples)


# The built pages -----------------------------------------------------------------------


def minus(text: str) -> str:
    """Hyphens as the pages print them in Markdown-glued numbers."""
    return text.replace("-", "−")


def prose(values, fmt: str) -> str:
    return minus("(" + ", ".join(f"{v:{fmt}}" for v in values) + ")")


def expected_answers() -> dict[str, list[str]]:
    """Exercise label → the numbers its solution prints, in order, formatted as the chapter does.

    Each entry may carry a few words of the prose around the number, so that
    it can only match in its own place.
    """
    line = exercises.boundary()
    step = exercises.first_update()
    runs = exercises.reruns()
    fwd = exercises.forward_by_hand()
    budget = exercises.bump_budget()
    rates = exercises.learning_rates()
    merged = exercises.collapse()
    hot = exercises.temperature()
    bn = exercises.batchnorm_by_hand()
    size = exercises.image_batch(**exercises.IMAGE_BATCH)
    longer = exercises.extended_batch()
    slip = exercises.transposed_mistake()
    hard = exercises.cross_entropy_split(exercises.ONE_HOT, exercises.PREDICTION)
    soft = exercises.cross_entropy_split(exercises.SOFT_TARGET, exercises.PREDICTION)
    best = exercises.cross_entropy_split(exercises.SOFT_TARGET, exercises.SOFT_TARGET)
    folds = exercises.fold_pieces()
    widths = exercises.narrowest_widths()
    below, above = temperature_neighbours(hot.tau)

    def shape(dims) -> str:
        return "\u00a0×\u00a0".join(str(d) for d in dims)  # no-break spaces, as printed

    def row(values) -> str:
        return prose(values, "g")

    def listed(values) -> str:
        return ", ".join(values[:-1]) + f" and {values[-1]}"

    def point(i: int) -> list[str]:
        values = [*fwd.z[i], *fwd.h[i], fwd.z3[i], fwd.y[i]]
        names = ["z_1", "z_2", "h_1", "h_2", "z_3 = h_1 - h_2", "y"]
        equalities = (f"${n} = {v:g}$" for n, v in zip(names, values, strict=True))
        return [f"For {row(fwd.x[i])}:", *equalities]

    def vector(values, fmt: str) -> str:
        return "(" + ", ".join(f"{v:{fmt}}" for v in values) + ")"  # inside a formula: TeX's minus

    return {
        "ex-perceptrons-boundary": [
            f"$x_1 = -b/w_1 = {line.x1_intercept:g}$",
            f"$x_2 = -b/w_2 = {line.x2_intercept:g}$",
            f"$|b|/\\|\\mathbf{{w}}\\| = {line.distance:.3f}$ from the origin",
            f"$z = {line.z:g}$ , which is positive",
            f"$y = {line.y:g}$ :",
            f"to {line.distance_doubled:.3f}",
        ],
        "ex-perceptrons-update": [
            f"$z = \\mathbf{{w}}^{{\\top}}\\mathbf{{x}} + b = {step.z:.3f}$ , which",
            f"$\\hat{{y}} = {step.y_hat:g}$ : a missed positive",
            f"becomes {prose(step.w1, '.3f')}",
            f"becomes {step.b1:.3f}",
        ],
        "ex-perceptrons-reruns": [
            f"seed {runs.seeds[0]} the rule makes {runs.updates[0, 0]} updates in "
            f"{runs.epochs[0, 0]} passes",
            f"seed {runs.seeds[1]} it makes {runs.updates[1, 0]} in {runs.epochs[1, 0]}",
            "All four runs",  # the unit test checks that there are four
            f"{runs.bound[0]} updates for seed {runs.seeds[0]} and {runs.bound[1]} for seed "
            f"{runs.seeds[1]}",
        ],
        "ex-mlp-forward": [
            *point(0),
            *point(1),
            "x = [" + ", ".join(vector(x, "g").strip("()").join("[]") for x in fwd.x) + "]",
            "small_net.forward(x)",
        ],
        "ex-mlp-bumps": [
            f"$M = {budget.counts[0]}$ , "
            + listed([str(m) for m in budget.counts[1:]])
            + " that is",
            listed([str(r) for r in budget.relus]) + " relus",
            listed([str(p) for p in budget.parameters]) + " parameters",
            f"suffice, {budget.merged[0]} for $M = {budget.counts[0]}$ .",
            listed([f"{e:.3f}" for e in budget.errors[:3]] + [f"{budget.errors[3]:.4f}"]),
            "divides the error by " + listed([f"{r:.2f}" for r in budget.ratios]),
        ],
        "ex-mlp-rates": [
            f"At {rates.rates[0]:g} the parameters",
            f"end {rates.drift[0]:.2f} from",
            f"against {rates.drift[1]:.2f}",
            f"only {rates.correct[0]} of the {rates.n_points} points "
            f"({100 * rates.correct[0] / rates.n_points:g}%)",
            f"At {rates.rates[2]:g} they move further, {rates.drift[2]:.2f}",
            f"also ends at {100 * rates.correct[2] / rates.n_points:g}% (against "
            f"{100 * rates.correct[1] / rates.n_points:g}%)",
            f"leaves {rates.dead[2]} hidden unit",
        ],
        "ex-layers-collapse": [
            f"{merged.two_layers:,} parameters",
            f"only {merged.one_layer:,}",
            f"some ${exercises.WIDTHS[2]} \\times {exercises.WIDTHS[0]}$ matrix",
            f"\\mathbf{{W}}_1 = {vector(merged.w[0], 'g')}$ and bias {merged.b[0]:g}",
            f"classifies {merged.correct} of the {merged.n_points} points",
        ],
        "ex-layers-temperature": [
            f"give {prose(hot.probabilities, '.3f')}",
            f"passes {hot.share:g} exactly once",
            f"$\\tau = {hot.tau:.3f}$ , between the bar charts at {below:g} and {above:g}",
            "exercises.temperature().tau",
        ],
        "ex-layers-batchnorm": [
            f"$\\mu = {bn.mean:g}$",
            f"$\\sigma = {bn.std:.3f}$",
            f"are {prose(bn.scores, '.3f')}",
            f"gives {prose(bn.out, '.3f')}",
            "x = np.array([" + ", ".join(f"[{v:g}]" for v in bn.x) + "])",
            f"layers.batchnorm(x, {bn.gamma:g}, {bn.beta:g})",
            f"layers.batchnorm(x + {bn.shift:g}, {bn.gamma:g}, {bn.beta:g})",
        ],
        "ex-tensors-images": [
            f"from {shape(size.channels_last)} to {shape(size.channels_first)}",
            f"{size.numbers:,} of them",
            f"$HWC = {size.per_image:,}$ inputs".replace(",", "{,}"),
            f"{size.linear_parameters:,} parameters: {size.per_class:,} for each class score",
        ],
        "ex-tensors-extra": [
            f"become {shape(longer['Z'].shape)}",
            shape(longer["Y"].shape),
            *(f": {row(longer[name][-1])}" for name in ("Z", "H", "Z3", "Y")),
            f"X = [*tensors.BATCH, {vector(exercises.EXTRA_POINT, 'g').strip('()').join('[]')}]",
            "tensors.batch_tensors(X)",
        ],
        "ex-tensors-transpose": [
            f"pre-activations {row(slip.z_wrong[0])} instead of {row(slip.z[0])}.",
            f"from {row(slip.y)} to {row(slip.y_wrong)}",
            f"all {slip.changed} datapoints change class",
        ],
        "ex-distributions-cross-entropy": [
            f"$H = -\\log y_1 = {hard.cross_entropy:.3f}$",
            f"entropy is {hard.entropy:g}",
            f"$H = {soft.cross_entropy:.3f}$",
            f"$D_\\mathrm{{KL}} = {soft.kl:.3f}$",
            f"$H(\\mathbf{{t}}) = {soft.entropy:.3f}$",
            f"the entropy, {best.cross_entropy:.3f}",
        ],
        "ex-distributions-folds": [
            f"give {folds[0]} pieces",
            f"to {folds[1]}",
            f"stays {folds[2]}",
            "exercises.fold_pieces()",
        ],
        "ex-distributions-widths": [
            f"$D = {widths.independent}$",
            f"{widths.n_samples:,} samples give {widths.measured_independent:.5f}",
            f"$D = {widths.correlated}$",
            f"samples give {widths.measured_correlated:.5f}",
        ],
    }


def solutions(built_book, chapter: str) -> dict[str, tuple[str, str]]:
    """Exercise label → (its number as printed, the text of its solution toggle).

    An inline formula reads as its TeX between dollars (``$\\mu = 3$``), a code
    listing as its code, and a displayed formula not at all.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((built_book.html / f"{chapter}.html").read_text(), "html.parser")
    found = {}
    for box in soup.select("div.exercise.admonition"):
        number = box.select_one(".caption-number").get_text(" ", strip=True)
        toggle = box.select_one("details.sd-dropdown")
        assert toggle is not None, f"{box['id']} has no solution toggle"
        assert "Solution" in toggle.summary.get_text()
        assert "open" not in toggle.attrs, f"the solution of {box['id']} is not hidden"
        for math in toggle.select("span.math"):
            math.replace_with(f" ${math.select_one('math[data-latex]')['data-latex']}$ ")
        for block in toggle.select("div.math, pre"):
            block.replace_with(" " + (block.get_text() if block.name == "pre" else "") + " ")
        words = re.sub(r"[ \t\n]+", " ", toggle.get_text()).strip()  # keeps no-break spaces
        found[box["id"]] = (number, words)
    return found


def in_order(text: str, answers: list[str]) -> None:
    """Every answer appears in ``text``, each after the one before."""
    position = 0
    for answer in answers:
        found = text.find(answer, position)
        assert found >= 0, f"{answer!r} not in the solution after position {position}:\n{text}"
        position = found + len(answer)


@pytest.mark.build
@pytest.mark.parametrize(("index", "chapter"), list(enumerate(CHAPTERS, start=1)))
def test_pages_print_the_computed_answers_in_toggled_solutions(built_book, index, chapter):
    found = solutions(built_book, chapter)
    assert len(found) >= 3, f"{chapter} has {len(found)} exercises"
    numbers = [number for number, _ in found.values()]
    assert numbers == [f"Exercise {index}.{k}" for k in range(1, len(found) + 1)]
    expected = {k: v for k, v in expected_answers().items() if k.startswith(f"ex-{chapter}-")}
    assert set(found) == set(expected), "every exercise of the page has its answers checked"
    for label, answers in expected.items():
        in_order(found[label][1], answers)
