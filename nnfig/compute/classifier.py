"""Train small 2-D classifiers in torch and record what every layer does. No matplotlib.

The nets are stacks of ``linear → relu`` with two units per layer, ending in
``linear → softmax`` with two outputs, so every representation is a point in
the plane and can be drawn. Training is full-batch gradient descent (Adam) on
the cross-entropy between the softmax output and the one-hot target.

torch is imported inside the functions that use it, so importing this module is
quick. Determinism: parameters are drawn from a local ``torch.Generator`` and training
runs with ``torch.use_deterministic_algorithms(True)`` on one thread; the global
settings are restored afterwards, so calling this leaves torch as it found it.
"""

import contextlib
from dataclasses import dataclass, replace

import numpy as np


#: Names of the representations of a net with ``depth`` relu layers, input to output.
def layer_names(depth: int) -> list[str]:
    names = ["x"]
    for i in range(1, depth + 1):
        names += [f"z{i}", f"h{i}"]
    return [*names, f"z{depth + 1}", "y"]


@dataclass(frozen=True)
class Checkpoint:
    """The net after ``step`` updates: its parameters, and every layer on the data."""

    step: int
    loss: float
    accuracy: float
    params: list[tuple[np.ndarray, np.ndarray]]  # (W, b) per linear layer
    layers: dict[str, np.ndarray]  # name -> (N, 2) representation of the data
    square: dict[str, np.ndarray]  # name -> (M, 2) image of the square's outline


@dataclass(frozen=True)
class Run:
    checkpoints: list[Checkpoint]
    x: np.ndarray  # (N, 2) inputs
    labels: np.ndarray  # (N,) classes 0 and 1
    names: list[str]

    def at(self, steps) -> "Run":
        """The same run with only the checkpoints of ``steps`` (each must be recorded)."""
        by_step = {cp.step: cp for cp in self.checkpoints}
        missing = [s for s in steps if s not in by_step]
        if missing:
            raise ValueError(f"steps {missing} were not recorded")
        return replace(self, checkpoints=[by_step[s] for s in steps])


@contextlib.contextmanager
def deterministic_torch():
    """One thread and deterministic kernels while training; previous settings restored."""
    import torch

    threads = torch.get_num_threads()
    deterministic = torch.are_deterministic_algorithms_enabled()
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    try:
        yield
    finally:
        torch.use_deterministic_algorithms(deterministic)
        torch.set_num_threads(threads)


def init_params(depth: int, seed: int) -> list:
    """Gaussian weights with He scaling, sqrt(2 / fan-in), and small positive biases.

    Every layer has two inputs, so the scale is 1; the positive biases keep most
    relus alive at the start.
    """
    import torch

    g = torch.Generator().manual_seed(seed)
    fan_in = 2
    params = []
    for _ in range(depth + 1):
        w = torch.randn(2, 2, generator=g, dtype=torch.float64) * (2 / fan_in) ** 0.5
        b = torch.full((2,), 0.1, dtype=torch.float64)
        params.append((w.requires_grad_(), b.requires_grad_()))
    return params


def forward(params, x) -> dict:
    """Every representation of tensor ``x`` (rows are points): x, z1, h1, …, z_last, y."""
    import torch

    out = {"x": x}
    h = x
    for i, (w, b) in enumerate(params[:-1], start=1):
        out[f"z{i}"] = z = h @ w.T + b
        out[f"h{i}"] = h = torch.relu(z)
    w, b = params[-1]
    last = len(params)
    out[f"z{last}"] = z = h @ w.T + b
    out["y"] = torch.softmax(z, dim=1)
    return out


def square_outline(half_width: float, n_per_side: int = 60) -> np.ndarray:
    """Points along the outline of the square [−a, a]², counter-clockwise, closed."""
    t = np.linspace(-half_width, half_width, n_per_side, endpoint=False)
    a = np.full_like(t, half_width)
    sides = [(t, -a), (a, t), (-t, a), (-a, -t)]
    pts = np.concatenate([np.stack(s, axis=1) for s in sides])
    return np.vstack([pts, pts[:1]])


def train(
    x: np.ndarray,
    labels: np.ndarray,
    *,
    depth: int,
    steps: int,
    checkpoints: tuple[int, ...],
    seed: int,
    lr: float = 0.05,
    square: float = 1.0,
) -> Run:
    """Train a width-2 relu net of ``depth`` hidden layers; record the given steps."""
    if sorted(checkpoints) != list(checkpoints) or checkpoints[-1] > steps:
        raise ValueError("checkpoints must be increasing steps no later than steps")
    import torch

    names = layer_names(depth)
    with deterministic_torch():
        xt = torch.tensor(x, dtype=torch.float64)
        yt = torch.tensor(labels, dtype=torch.long)
        sq = torch.tensor(square_outline(square), dtype=torch.float64)
        params = init_params(depth, seed)
        opt = torch.optim.Adam([p for pair in params for p in pair], lr=lr)
        recorded = []
        for step in range(steps + 1):
            if step in checkpoints:
                recorded.append(_checkpoint(step, params, xt, yt, sq))
            if step == steps:
                break
            opt.zero_grad()
            z_last = forward(params, xt)[names[-2]]
            torch.nn.functional.cross_entropy(z_last, yt).backward()
            opt.step()
    return Run(recorded, np.asarray(x, dtype=float), np.asarray(labels), names)


def _checkpoint(step, params, xt, yt, sq) -> Checkpoint:
    import torch

    with torch.no_grad():
        reps = forward(params, xt)
        z_last = reps[list(reps)[-2]]
        loss = torch.nn.functional.cross_entropy(z_last, yt).item()
        accuracy = (z_last.argmax(dim=1) == yt).double().mean().item()
        square = forward(params, sq)
    return Checkpoint(
        step=step,
        loss=loss,
        accuracy=accuracy,
        params=[(w.detach().numpy().copy(), b.detach().numpy().copy()) for w, b in params],
        layers={k: v.numpy().copy() for k, v in reps.items()},
        square={k: v.numpy().copy() for k, v in square.items()},
    )


def predict(params: list[tuple[np.ndarray, np.ndarray]], x: np.ndarray) -> np.ndarray:
    """The class (0 or 1) a checkpoint's parameters give each point of ``x``.

    ``forward``'s layers in numpy, on the stored parameters: asking a trained net
    needs no torch (a chapter's numbers then load none). The class is the larger
    of the last layer's outputs, which softmax, being increasing, keeps.
    """
    h = np.asarray(x, dtype=np.float64)
    for w, b in params[:-1]:
        h = np.maximum(h @ w.T + b, 0.0)
    w, b = params[-1]
    return np.argmax(h @ w.T + b, axis=1)
