"""The project's import graph, read from the source (ast): every `import` and `from … import`,
module-level and inside functions, of modules under careers/."""

import ast
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "careers"


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module, node):
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    is_package = (PACKAGE.parent / Path(*base) / "__init__.py").exists()
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


@cache
def graph():
    """{module: {imported module, …}} for careers.*, migrations excluded."""
    edges = {}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        module = module_name(path)
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                target = _resolve(module, node)
                targets.add(target)
                # `from pkg import module` imports pkg.module when that is a module
                for alias in node.names:
                    candidate = f"{target}.{alias.name}"
                    if _exists(candidate):
                        targets.add(candidate)
        # importing a submodule runs its parent packages first: that is not a dependency on them
        edges[module] = {t for t in targets if t.startswith("careers.") and t != module
                         and not module.startswith(t + ".")}
    return edges


def _exists(module):
    path = PACKAGE.parent / Path(*module.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def app_of(module):
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def cycles(modules):
    """Strongly connected components of more than one module among `modules` (Tarjan)."""
    edges = graph()
    nodes = set(modules)
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            w = _owner(w, nodes)
            if w is None:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return found


def _owner(target, nodes):
    """`target` or, for `pkg.name` where name is not a module, the module `pkg`."""
    while target and target not in nodes:
        if "." not in target:
            return None
        target = target.rsplit(".", 1)[0]
    return target or None
