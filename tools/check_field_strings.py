"""Fail on field labels equal to the one Odoo derives from the field name.

pylint-odoo's attribute-string-redundant skips relational fields (``partner_id``
labelled "Partner"); this covers every field type with Odoo's own rule.
Usage: python tools/check_field_strings.py FILE...
"""

import ast
import sys


def derived_label(name):
    """The label Odoo gives a field without ``string`` (odoo/fields.py)."""
    if name.endswith("_ids"):
        name = name[:-4]
    elif name.endswith("_id"):
        name = name[:-3]
    return name.replace("_", " ").title()


def redundant_strings(path):
    with open(path, encoding="utf-8") as source:
        tree = ast.parse(source.read(), path)
    for node in ast.walk(tree):
        call = node.value if isinstance(node, ast.Assign) else None
        if not (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and getattr(call.func.value, "id", None) == "fields"
            and isinstance(node.targets[0], ast.Name)
        ):
            continue
        name = node.targets[0].id
        for keyword in call.keywords:
            label = keyword.value
            if (
                keyword.arg == "string"
                and isinstance(label, ast.Constant)
                and label.value == derived_label(name)
            ):
                yield node.lineno, name, label.value


def main(paths):
    found = 0
    for path in paths:
        for line, name, label in redundant_strings(path):
            print(f'{path}:{line}: {name}: string="{label}" is the label Odoo derives already')
            found += 1
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
