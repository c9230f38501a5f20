# Each concern builds on the ones before it, in this order (README: Layout): Odoo
# builds the models in import order, and a concern extends models of lower ones.
# isort: off
from . import credit, dunning, statement, desk, intelligence, l10n_fr

# isort: on
