"""The concerns of the addon and the one direction their calls go (README: Layout).

Each concern lives in a folder of the same name under ``models/``, ``report/``,
``wizard/``, ``views/``, ``data/`` and ``tests/``. A concern builds on the ones
listed before it and never names one listed after it: a higher concern plugs
into a lower one through a hook method that the lower one defines and the
higher one extends. ``upward_references`` lists what breaks the rule; the test
suite expects it to find nothing.
"""

import ast
from pathlib import Path

CONCERNS = ("credit", "dunning", "statement", "desk", "intelligence", "l10n_fr")
PYTHON_FOLDERS = ("models", "report", "wizard")
OWN_PREFIXES = ("credit_", "dunning_")
ADDON = Path(__file__).parent


def concern_of(path, addon=ADDON):
    """The concern a file of the addon belongs to, or None (shared or assembly code)."""
    parts = path.relative_to(addon).parts
    if len(parts) > 2 and parts[0] in PYTHON_FOLDERS and parts[1] in CONCERNS:
        return parts[1]
    return None


def _python_files(addon):
    for folder in PYTHON_FOLDERS:
        yield from sorted((addon / folder).rglob("*.py"))


def _definitions(tree):
    """(model names, field and method names) a module defines. Of the fields and
    methods added to core models, only the addon's own (prefixed) names are known:
    ``state`` or ``partner_id`` belong to everyone."""
    models, fields = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for statement in node.body:
                if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
                    continue
                target = statement.targets[0]
                if not isinstance(target, ast.Name):
                    continue
                if target.id == "_name" and isinstance(statement.value, ast.Constant):
                    models.add(statement.value.value)
                elif _field_call(statement.value) and target.id.startswith(OWN_PREFIXES):
                    fields.add(target.id)
            fields.update(
                statement.name
                for statement in node.body
                if isinstance(statement, ast.FunctionDef) and _own_method(statement.name)
            )
    return models, fields


def _own_method(name):
    return name.lstrip("_").startswith(OWN_PREFIXES) or name.startswith("action_credit")


def _field_call(node):
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "fields"
    )


def _owners(addon):
    """{model or field name: the lowest concern defining it}. A field a lower concern
    defines may be extended higher up; a model is defined once."""
    owners = {}
    for path in _python_files(addon):
        concern = concern_of(path, addon)
        if concern is None:
            continue
        models, fields = _definitions(ast.parse(path.read_text()))
        for name in models | fields:
            known = owners.get(name)
            if known is None or CONCERNS.index(concern) < CONCERNS.index(known):
                owners[name] = concern
    return owners


def _named(tree):
    """(line, name) of every model or field name a module uses: in ``env[...]``,
    as a comodel, in ``_inherit``, in any string, and in relative imports."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value
        elif isinstance(node, ast.Attribute):
            yield node.lineno, node.attr
        elif isinstance(node, ast.ImportFrom) and node.level:
            for part in (node.module or "").split("."):
                yield node.lineno, f"import:{part}"


def upward_references(addon=ADDON):
    """["file:line: concern names <name> of <higher concern>"] for the whole addon."""
    owners = _owners(addon)
    found = []
    for path in _python_files(addon):
        concern = concern_of(path, addon)
        if concern is None:
            continue
        rank = CONCERNS.index(concern)
        for line, name in _named(ast.parse(path.read_text())):
            owner = owners.get(name)
            if name.startswith("import:") and name[7:] in CONCERNS:
                owner = name[7:]
            if owner and CONCERNS.index(owner) > rank:
                found.append(
                    (str(path.relative_to(addon)), line, f"{concern} names {name} of {owner}")
                )
    return [f"{path}:{line}: {what}" for path, line, what in sorted(found)]
