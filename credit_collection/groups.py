"""XML ids of the module's groups, for the Python code that checks them."""

from odoo.exceptions import AccessError

CREDIT_MANAGER_GROUP = "credit_collection.group_credit_manager"
CREDIT_CONTROLLER_GROUP = "credit_collection.group_credit_controller"
# Who reads the company's own judgement of a customer (its figures, score, hold reason):
# Invoicing's Billing and up (credit controllers and managers imply it), as core does for
# ``credit`` and ``credit_limit``. Salespeople see that a customer is on hold or over its
# limit, and why their order is blocked; portal users see none of it.
CUSTOMER_FIGURES_GROUP = "account.group_account_invoice"


def check_group(env, group):
    """Refuse (AccessError) a user outside ``group``: for public methods that read or
    rebuild company-wide data, which RPC lets any logged-in user call."""
    if env.su or env.user.has_group(group):
        return
    raise AccessError(
        env._(
            "This needs the %(group)s access right of Credit & Collections.",
            group=env.ref(group).sudo().name,
        )
    )
