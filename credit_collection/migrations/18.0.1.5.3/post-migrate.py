"""18.0.1.5.3: the module's company-dependent fields of contacts lose their index.

Core gives every company-dependent field an index; the 14 of the module weighed on each
query over contacts (posting an invoice plans several) and were not used by its searches.
The update does not drop an index a field no longer asks for: this does. Running it twice
drops nothing more.
"""

from odoo.tools.sql import drop_index, make_index_name

UNINDEXED_FIELDS = (
    "credit_collector_id",
    "credit_contractual_interest_rate",
    "credit_dunning_policy_id",
    "credit_hold",
    "credit_hold_date",
    "credit_hold_reason",
    "credit_hold_type",
    "credit_hold_user_id",
    "credit_legal_action",
    "credit_legal_action_date",
    "credit_reserve_of_title",
    "credit_reserve_of_title_date",
    "credit_reserve_of_title_proof",
    "credit_risk_segment_id",
)


def migrate(cr, version):
    for field in UNINDEXED_FIELDS:
        drop_index(cr, make_index_name("res_partner", field), "res_partner")
