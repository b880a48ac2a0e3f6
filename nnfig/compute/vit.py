"""A small vision transformer trained on scikit-learn's 8×8 digits, and its layers. No matplotlib.

Each 8×8 image is cut into ``PATCH``×``PATCH`` patches; a linear layer embeds
each patch as a token of ``WIDTH`` numbers, learned position embeddings are
added, and ``DEPTH`` pre-norm transformer blocks (self-attention with ``HEADS``
heads, then a two-layer MLP) follow. The mean of the final tokens goes through
a linear layer to ten scores.

At each shown layer an image is represented by all its tokens, flattened into
one vector (``TOKENS * WIDTH`` numbers); the raw pixels (64 numbers) are the
baseline. Not the mean of the tokens: after the patch embedding that mean is
an affine function of the image's mean patch, four numbers, so it would hide
nearly everything the layer holds. Per representation, two classifiers are fit
on the training digits and scored on the held-out ones: a k-nearest-neighbour
vote (are an image's neighbours of its class?) and the nearest class mean (does
each class gather around its own centre?). Each representation is mapped to
the plane by its own seeded t-SNE (after PCA to ``PCA_DIMS`` numbers, the usual
first step); each map starts from the one before, so that clusters keep their
places from panel to panel where the data allow.

Training and the maps take about twenty seconds; ``result`` keeps what they
computed (``nnfig.compute.store``), in memory and, in a book build, on disk.
"""

from dataclasses import dataclass

import numpy as np

from nnfig.compute import bundled, checks, store
from nnfig.compute.classifier import deterministic_torch

PATCH = 2
WIDTH = 32
DEPTH = 4
HEADS = 2
EPOCHS = 40
TEST_SIZE = 500
TOKENS = (8 // PATCH) ** 2
#: Layers shown after the pixels: 0 is the patch embedding, k the output of block k.
SHOWN = tuple(range(DEPTH + 1))
K_NEIGHBOURS = 5
#: t-SNE reads each representation's first PCA_DIMS principal components.
PCA_DIMS = 50


@dataclass(frozen=True)
class Result:
    # One entry per panel: the raw pixels, then the layers of SHOWN.
    test_accuracy: float  # the trained net's accuracy on the held-out digits
    knn_accuracy: np.ndarray  # (1 + len(SHOWN),) k-NN accuracy on the held-out digits
    centroid_accuracy: np.ndarray  # (1 + len(SHOWN),) nearest-class-mean accuracy, the same
    sizes: np.ndarray  # (1 + len(SHOWN),) numbers per image in each representation
    tsne: np.ndarray  # (1 + len(SHOWN), TEST_SIZE, 2) t-SNE map of each representation
    labels: np.ndarray  # (TEST_SIZE,) digit of each held-out image
    n_train: int
    n_params: int


def build_model():
    """The untrained net: patch embedding, position embeddings, blocks, norm, head.

    A plain ``nn.Module`` with these parts, so that torch is imported only when a
    net is built; creating them in this order fixes the seeded initialisation.
    """
    import torch
    from torch import nn

    model = nn.Module()
    model.embed = nn.Linear(PATCH * PATCH, WIDTH)
    model.pos = nn.Parameter(0.02 * torch.randn(1, TOKENS, WIDTH))
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
    images, labels = bundled.digits()
    images = images.astype(np.float32) / 16.0
    order = np.random.default_rng(seed).permutation(len(images))
    test, train = order[:TEST_SIZE], order[TEST_SIZE:]
    return images[train], labels[train], images[test], labels[test]


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


def representations(model, images: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """Predicted digits, and each image as one vector per panel: pixels, then flattened tokens."""
    import torch

    with deterministic_torch(), torch.no_grad():
        scores, states = run_model(model, torch.tensor(images))
    flat = [states[k].flatten(1).numpy().astype(np.float64) for k in SHOWN]
    return scores.argmax(1).numpy(), [images.reshape(len(images), -1).astype(np.float64), *flat]


def knn_accuracy(train, y_train, test, y_test) -> float:
    """Share of test points whose K_NEIGHBOURS nearest training points vote their class."""
    from sklearn.neighbors import KNeighborsClassifier

    return KNeighborsClassifier(K_NEIGHBOURS).fit(train, y_train).score(test, y_test)


def centroid_accuracy(train, y_train, test, y_test) -> float:
    """Share of test points nearest to the mean of their own class's training points."""
    classes = np.unique(y_train)
    means = np.stack([train[y_train == c].mean(axis=0) for c in classes])
    distances = np.linalg.norm(test[:, None, :] - means[None], axis=2)
    return float(np.mean(classes[distances.argmin(axis=1)] == y_test))


def tsne_maps(representations: list[np.ndarray], seed: int) -> np.ndarray:
    """One seeded t-SNE per representation, each started from the map before it."""
    from sklearn.decomposition import PCA
    from sklearn.manifold import TSNE

    maps, init = [], "pca"
    for rep in representations:
        reduced = PCA(min(PCA_DIMS, rep.shape[1]), svd_solver="full").fit_transform(rep)
        tsne = TSNE(2, perplexity=30, init=init, random_state=seed, n_jobs=1)
        maps.append(tsne.fit_transform(reduced))
        # Start the next map from this one, shrunk as t-SNE's own PCA start is.
        init = maps[-1] / maps[-1][:, 0].std() * 1e-4
    return np.stack(maps)


def compute(seed: int) -> Result:
    """Train, then measure and map the held-out digits in the pixels and each shown layer."""
    model, (x_tr, y_tr, x_te, y_te) = train(seed)
    predicted, test_reps = representations(model, x_te)
    _, train_reps = representations(model, x_tr)
    pairs = list(zip(train_reps, test_reps, strict=True))
    return Result(
        test_accuracy=float(np.mean(predicted == y_te)),
        knn_accuracy=np.array([knn_accuracy(tr, y_tr, te, y_te) for tr, te in pairs]),
        centroid_accuracy=np.array([centroid_accuracy(tr, y_tr, te, y_te) for tr, te in pairs]),
        sizes=np.array([te.shape[1] for te in test_reps]),
        tsne=tsne_maps(test_reps, seed),
        labels=y_te,
        n_train=len(x_tr),
        n_params=sum(p.numel() for p in model.parameters()),
    )


@store.once
def result(seed: int) -> Result:
    """``compute(seed)``, computed once per process and, in a book build, once per build."""
    return compute(seed)


def layers_tsne(*, seed: int = 0) -> Result:
    """What ``tsne-layers`` draws: the pixels and the trained net's layers, measured and mapped.

    Parameters
    ----------
    seed : int, optional
        Seed of the training run, the held-out digits and the t-SNE maps.

    Returns
    -------
    Result
        The held-out digits' representations at every layer, how well each
        separates the classes, and their t-SNE maps.
    """
    return result(checks.seed(seed))
