"""A small vision transformer trained on scikit-learn's 8×8 digits, and its layers. No matplotlib.

Each 8×8 image is cut into ``PATCH``×``PATCH`` patches; a linear layer embeds
each patch as a token of ``WIDTH`` numbers, learned position embeddings are
added, and ``DEPTH`` pre-norm transformer blocks (self-attention with ``HEADS``
heads, then a two-layer MLP) follow. The mean of the final tokens goes through
a linear layer to ten scores.

The embedding of an image at a layer is the mean of its tokens (``WIDTH``
numbers). One joint t-SNE maps the embeddings of several layers to the plane,
and a k-nearest-neighbour classifier measures, per layer, how well the classes
are already separated in that embedding.

Training takes about ten seconds; results are cached in memory and, if the
environment variable ``NNFIG_CACHE`` names a directory (the book build sets it to
one inside ``_build``), on disk under a key made of this file's source, the seed
and the library versions, so a changed module or seed is never served stale.
"""

import functools
import hashlib
import os
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np

from nnfig.compute import checks
from nnfig.compute.classifier import deterministic_torch

PATCH = 2
WIDTH = 32
DEPTH = 4
HEADS = 2
EPOCHS = 40
TEST_SIZE = 500
#: Layers whose embeddings are shown: 0 is the patch embedding, k the output of block k.
SHOWN = (0, 1, 2, 4)
K_NEIGHBOURS = 5


@dataclass(frozen=True)
class Result:
    test_accuracy: float  # the trained net's accuracy on the held-out digits
    knn_accuracy: np.ndarray  # (len(SHOWN),) k-NN accuracy on held-out digits, per shown layer
    tsne: np.ndarray  # (len(SHOWN), TEST_SIZE, 2) joint t-SNE of the held-out embeddings
    labels: np.ndarray  # (TEST_SIZE,) digit of each held-out image
    n_train: int
    n_params: int
    embedding_size: int


def build_model():
    """The untrained net: patch embedding, position embeddings, blocks, norm, head.

    A plain ``nn.Module`` with these parts, so that torch is imported only when a
    net is built; creating them in this order fixes the seeded initialisation.
    """
    import torch
    from torch import nn

    model = nn.Module()
    model.embed = nn.Linear(PATCH * PATCH, WIDTH)
    model.pos = nn.Parameter(0.02 * torch.randn(1, (8 // PATCH) ** 2, WIDTH))
    model.blocks = nn.ModuleList(
        nn.TransformerEncoderLayer(
            WIDTH, HEADS, 2 * WIDTH, dropout=0.0, batch_first=True, norm_first=True
        )
        for _ in range(DEPTH)
    )
    model.norm = nn.LayerNorm(WIDTH)
    model.head = nn.Linear(WIDTH, 10)
    return model


def run_model(model, images):
    """Scores (N, 10), and the tokens (N, 16, WIDTH) after the embedding and each block."""
    tokens = model.embed(patches(images)) + model.pos
    states = [tokens]
    for block in model.blocks:
        tokens = block(tokens)
        states.append(tokens)
    return model.head(model.norm(tokens).mean(dim=1)), states


def patches(images):
    """(N, 8, 8) images to (N, 16, 4): the 2×2 patches in reading order."""
    n = len(images)
    p = images.reshape(n, 8 // PATCH, PATCH, 8 // PATCH, PATCH).permute(0, 1, 3, 2, 4)
    return p.reshape(n, -1, PATCH * PATCH)


def digits_split(seed: int) -> tuple[np.ndarray, ...]:
    """scikit-learn's digits scaled to [0, 1], split at random into train and held-out sets."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    images = digits.images.astype(np.float32) / 16.0
    order = np.random.default_rng(seed).permutation(len(images))
    test, train = order[:TEST_SIZE], order[TEST_SIZE:]
    return images[train], digits.target[train], images[test], digits.target[test]


def train(seed: int) -> tuple:
    """Train the ViT with Adam on the training digits; deterministic for a given seed."""
    import torch
    from torch import nn

    data = digits_split(seed)
    x_tr, y_tr = data[0], data[1]
    with deterministic_torch(), torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)  # inside fork_rng: the global generator is restored after
        model = build_model()
        opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-4)
        xt, yt = torch.tensor(x_tr), torch.tensor(y_tr)
        g = torch.Generator().manual_seed(seed)
        for _ in range(EPOCHS):
            for batch in torch.randperm(len(xt), generator=g).split(64):
                opt.zero_grad()
                scores, _ = run_model(model, xt[batch])
                nn.functional.cross_entropy(scores, yt[batch]).backward()
                opt.step()
    model.eval()
    return model, data


def embeddings(model, images: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """Predicted digits and, per shown layer, the mean token of every image."""
    import torch

    with deterministic_torch(), torch.no_grad():
        scores, states = run_model(model, torch.tensor(images))
    pooled = [states[k].mean(dim=1).numpy().astype(np.float64) for k in SHOWN]
    return scores.argmax(1).numpy(), pooled


def compute(seed: int) -> Result:
    """Train, measure each shown layer, and map the held-out embeddings with one joint t-SNE."""
    from sklearn.manifold import TSNE
    from sklearn.neighbors import KNeighborsClassifier

    model, (x_tr, y_tr, x_te, y_te) = train(seed)
    predicted, test_emb = embeddings(model, x_te)
    _, train_emb = embeddings(model, x_tr)
    knn = [
        KNeighborsClassifier(K_NEIGHBOURS).fit(tr, y_tr).score(te, y_te)
        for tr, te in zip(train_emb, test_emb, strict=True)
    ]
    # Put the layers on one scale before the joint map, so no layer dominates the distances.
    joint = np.concatenate([e / np.linalg.norm(e, axis=1).mean() for e in test_emb])
    coords = TSNE(2, perplexity=30, init="pca", random_state=seed, n_jobs=1).fit_transform(joint)
    return Result(
        test_accuracy=float(np.mean(predicted == y_te)),
        knn_accuracy=np.array(knn),
        tsne=coords.reshape(len(SHOWN), len(x_te), 2),
        labels=y_te,
        n_train=len(x_tr),
        n_params=sum(p.numel() for p in model.parameters()),
        embedding_size=test_emb[0].shape[1],
    )


def _cache_key(seed: int) -> str:
    import sklearn
    import torch

    source = (
        Path(__file__).read_bytes() + Path(deterministic_torch.__code__.co_filename).read_bytes()
    )
    parts = [source, str(seed).encode(), torch.__version__.encode(), sklearn.__version__.encode()]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()[:20]


@functools.cache
def result(seed: int) -> Result:
    """``compute(seed)``, from the cache when this code and seed were computed before."""
    folder = os.environ.get("NNFIG_CACHE")
    if not folder:
        return compute(seed)
    path = Path(folder) / f"vit-{_cache_key(seed)}.npz"
    if path.exists():
        with np.load(path) as saved:
            arrays = {f.name: saved[f.name] for f in fields(Result)}
        # Scalars come back as 0-d arrays: give them their Python types again.
        return Result(**{k: v.item() if v.ndim == 0 else v for k, v in arrays.items()})
    res = compute(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npz")
    np.savez(tmp, **{f.name: getattr(res, f.name) for f in fields(Result)})
    tmp.replace(path)  # atomic: a parallel build never reads half a file
    return res


def layers_tsne(*, seed: int = 0) -> Result:
    """What ``tsne-layers`` draws: the trained net's layers under one joint t-SNE."""
    return result(checks.seed(seed))
