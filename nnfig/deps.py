"""What each figure's code depends on, to re-run exactly the figures whose code changed.

The unit of dependency is a top-level definition (function, class or
assignment) of an ``nnfig`` module. Starting from some roots, the names a
definition uses (decorators included) are followed to the definitions they
refer to, in its own module or, through ``from nnfig… import …`` and module
attributes, in other modules. A figure's roots are its drawing function, the
compute function it draws and the gallery's scraper, so its digest covers the
registry, the style and the saving code they reach, plus the versions of the
libraries that shape pixels. Editing a helper therefore changes the digests of
exactly the figures that call it, and editing prose, comments between
definitions, HTML-only code or an unused module changes none.
"""

import ast
import hashlib
import re
from functools import cache
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
#: Libraries whose version can change a figure's pixels or a page's numbers.
LIBRARIES = ("matplotlib", "numpy", "torch", "scikit-learn", "scipy", "pillow", "sphinx-gallery")

Unit = tuple[str, str]  # (module name, top-level name)


@cache
def module_file(module: str) -> Path | None:
    """nnfig.chapters.mlp → .../nnfig/chapters/mlp.py (or a package's __init__.py).

    Cached: following the figures' code asks thousands of times, each a file-system stat.
    """
    parts = module.split(".")
    if parts[0] != "nnfig":
        return None
    base = PACKAGE.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


@cache
def _source(module: str) -> str:
    return module_file(module).read_text()


@cache
def _tree(module: str) -> ast.Module:
    return ast.parse(_source(module))


@cache
def _parse(module: str) -> tuple[dict[str, str], dict[str, ast.stmt], dict[str, Unit | str]]:
    """For one module: the source and the node of each top-level definition, and its imports.

    Imports map a local name to a unit (``from nnfig.x import y``) or to a
    module name (``from nnfig.compute import checks``, ``import nnfig.x as m``).
    """
    tree = _tree(module)
    sources: dict[str, str] = {}
    nodes: dict[str, ast.stmt] = {}
    imports: dict[str, Unit | str] = {}
    # Imports anywhere count: some modules import torch-heavy code inside functions.
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("nnfig"):
            for alias in node.names:
                local = alias.asname or alias.name
                sub = f"{node.module}.{alias.name}"
                imports[local] = sub if module_file(sub) else (node.module, alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("nnfig") and alias.asname:
                    imports[alias.asname] = alias.name
    lines = _source(module).splitlines()  # once: ast.get_source_segment re-splits per call
    for node in tree.body:
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        for name in _defined_names(node):
            sources[name] = "\n".join(lines[first - 1 : node.end_lineno])
            nodes[name] = node
    return sources, nodes, imports


@cache
def _uses(module: str, name: str) -> set[str]:
    """The names a top-level definition reads (found when first followed: ``reachable``)."""
    return _used_names(_parse(module)[1][name])


def _defined_names(node: ast.stmt) -> list[str]:
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return [node.name]
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, ast.AnnAssign | ast.AugAssign) and isinstance(node.target, ast.Name):
        return [node.target.id]
    return []


def _used_names(node: ast.AST) -> set[str]:
    """Names read in a definition; ``alias.attr`` for attributes, so that a module
    used as ``checks.vector`` depends on ``vector`` only, not on all of ``checks``."""
    names, bases = set(), set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name):
            names.add(f"{sub.value.id}.{sub.attr}")
            bases.add(id(sub.value))
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and id(sub) not in bases:
            names.add(sub.id)
    return names


def _resolve(module: str, name: str) -> list[Unit]:
    """The definitions a name used in ``module`` may refer to."""
    sources, _, imports = _parse(module)
    head, _, attr = name.partition(".")
    if head in sources:  # a definition of this module, or an attribute of one (CLOUDS.seed)
        return [(module, head)]
    target = imports.get(head)
    if isinstance(target, tuple):
        return [target]
    if isinstance(target, str):  # a module: follow the attribute, or take all of it
        target_sources = _parse(target)[0]
        if attr and attr in target_sources:
            return [(target, attr)]
        return [(target, n) for n in target_sources] if not attr else []
    return []


def reachable(module: str, name: str) -> set[Unit]:
    """Every top-level definition reachable from ``module.name``."""
    seen: set[Unit] = set()
    stack = [(module, name)]
    while stack:
        unit = stack.pop()
        if unit in seen or module_file(unit[0]) is None or unit[1] not in _parse(unit[0])[0]:
            continue
        seen.add(unit)
        for used in _uses(*unit):
            stack.extend(_resolve(unit[0], used))
    return seen


def unit_of(func) -> Unit:
    """The top-level definition of a function: (module, name)."""
    return (func.__module__, func.__name__)


def units_of(roots) -> set[Unit]:
    """Every definition reachable from ``roots`` (units or dotted names "nnfig.x.name")."""
    units: set[Unit] = set()
    for root in roots:
        module, name = root.rsplit(".", 1) if isinstance(root, str) else root
        units |= reachable(module, name)
    return units


def figure_roots(entry) -> list[Unit]:
    """A figure's own code: its drawing and compute functions, and its explorer's.

    The gallery writes the explorer's data when it runs the figure's script, so
    a change to the explorer's code re-runs the figure."""
    functions = [entry.draw, entry.data]
    if entry.explorer is not None:
        functions += [entry.explorer.pack, entry.explorer.data]
    return [unit_of(f) for f in functions if f is not None]


def _declarations(chapters):
    """Each ``@figure``/``@explorer`` of the chapter modules, read from their source:
    (decorator, figure id, module, decorated function, ``data=`` expression or None)."""
    for chapter in chapters:
        module = f"nnfig.chapters.{chapter}"
        for node in _tree(module).body:
            for deco in getattr(node, "decorator_list", []):
                name = getattr(deco, "func", None)
                if not (isinstance(name, ast.Name) and name.id in ("figure", "explorer")):
                    continue
                data = [ast.unparse(k.value) for k in deco.keywords if k.arg == "data"]
                yield name.id, deco.args[0].value, module, node.name, (data or [None])[0]


def declared_figures(chapters) -> dict[str, list[Unit]]:
    """Figure id → its roots, read from the source of the chapter modules, unimported.

    The same as ``figure_roots`` of each registered figure (a test checks it), found
    from the ``@figure("id", …, data=…)`` and ``@explorer("id", data=…)`` decorators,
    so that a build with nothing to redraw never imports matplotlib.
    """
    figures: dict[str, list[Unit]] = {}
    for _, fig_id, module, function, data in _declarations(chapters):
        roots = figures.setdefault(fig_id, [])
        roots.append((module, function))
        if data:
            roots += _resolve(module, data)
    return figures


def declared_data(chapters) -> dict[str, Unit | None]:
    """Figure id → the compute function its ``@figure(…, data=…)`` names (None: a diagram).

    Read from the source, like ``declared_figures``: ``registry.figure_data`` imports
    that function's module alone, and no drawing code.
    """
    return {
        fig_id: _resolve(module, data)[0] if data else None
        for kind, fig_id, module, _, data in _declarations(chapters)
        if kind == "figure"
    }


def declared_drawings(chapters) -> dict[str, Unit]:
    """Figure id → its drawing function (the one ``@figure`` decorates), read from source."""
    return {
        fig_id: (module, function)
        for kind, fig_id, module, function, _ in _declarations(chapters)
        if kind == "figure"
    }


def takes(unit: Unit, parameter: str) -> bool:
    """Whether the function ``unit`` has a parameter named ``parameter``, read from source."""
    args = _parse(unit[0])[1][unit[1]].args
    return parameter in {a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]}


@cache
def library_versions() -> bytes:
    """``name==version`` of each library in ``LIBRARIES``, as installed now."""
    lines = []
    for name in LIBRARIES:
        try:
            lines.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            lines.append(f"{name} absent")
    return "\n".join(lines).encode()


def digest(units: set[Unit]) -> str:
    """One hash over the source of ``units`` and the libraries' versions."""
    h = hashlib.sha256(library_versions())
    for module, name in sorted(units):
        h.update(f"{module}:{name}\n".encode() + _parse(module)[0][name].encode())
    return h.hexdigest()


def figure_digests(figures: dict[str, list[Unit]], common_roots=()) -> dict[str, str]:
    """Figure id → digest of the figure's roots and of ``common_roots`` (the scraper)."""
    common = units_of(common_roots)
    return {fig_id: digest(units_of(roots) | common) for fig_id, roots in figures.items()}


#: A chapter cell that reads a figure's data: ``figure_data("relu-volume")`` or
#: ``FIGURES["relu-volume"]``.
_FIGURE_USE = re.compile(r"""(?:figure_data\(|FIGURES\[)["']([a-z0-9-]+)["']""")


def page_units(text: str, figures: dict[str, list[Unit]]) -> set[Unit]:
    """Definitions a chapter's code cells use: through their ``from nnfig… import …``
    lines, and the code of every figure they read as ``figure_data("id")`` or
    ``FIGURES["id"]`` (``figures``: each figure's roots)."""
    code = code_cells(text)
    tree = ast.parse(code)
    units = units_of(root for fig_id in _FIGURE_USE.findall(code) for root in figures[fig_id])
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("nnfig"):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                if module_file(sub):
                    used = _attributes_used(tree, alias.asname or alias.name)
                    names = _parse(sub)[0] if used is None else used
                    units |= {u for n in names for u in reachable(sub, n)}
                else:
                    units |= reachable(node.module, alias.name)
    return units


def _attributes_used(tree: ast.AST, name: str) -> set[str] | None:
    """The attributes read from module ``name`` in ``tree`` (``exercises.boundary``), or
    None if the module itself is used otherwise (passed on: all of it may be used)."""
    reads = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == name
    ]
    uses = [node for node in ast.walk(tree) if isinstance(node, ast.Name) and node.id == name]
    return {node.attr for node in reads} if len(uses) == len(reads) else None


def code_cells(text: str) -> str:
    """The Python of every ```{code-cell} block of a MyST page (options lines dropped)."""
    cells, inside = [], False
    for line in text.splitlines():
        if line.startswith("```{code-cell}"):
            inside = True
        elif inside and line.startswith("```"):
            inside = False
        elif inside and not line.startswith(":"):
            cells.append(line)
    return "\n".join(cells)
