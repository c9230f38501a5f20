# Odoo's runner loads the test_* modules bound here, and only those: every test file is
# imported below, by concern (test_layout checks that none is missing).
from . import (
    test_access,
    test_access_matrix,
    test_demo_data,
    test_layout,
    test_menu_walk,
    test_public_methods,
    test_translation,
    test_ui,
)
from .credit import (
    test_ageing,
    test_ageing_xlsx,
    test_credit_approval,
    test_credit_exposure,
    test_credit_exposure_store,
    test_credit_hold,
    test_customer_placed_orders,
    test_posting_cost,
    test_reserve_of_title,
    test_sale_credit_check,
)
from .desk import (
    test_call,
    test_dispute,
    test_kpi,
    test_kpi_figures,
    test_payment_plan,
    test_portal,
    test_portal_concurrency,
    test_promise,
    test_worklist,
)
from .dunning import (
    test_customer_reply,
    test_dunning_concurrency,
    test_dunning_formatting,
    test_dunning_letter,
    test_dunning_letter_pdf,
    test_dunning_migration,
    test_dunning_planner,
    test_dunning_policy,
    test_dunning_preview,
    test_dunning_run,
    test_reminder_bounce,
    test_reminder_contact,
    test_sending_hours,
)
from .intelligence import (
    test_concentration,
    test_forecast,
    test_insurance,
    test_overview,
    test_payment_score,
    test_segment_migration,
    test_segment_review,
)
from .l10n_fr import (
    test_consumer_credit_plan,
    test_declaration_pdf,
    test_default_due_date,
    test_einvoice,
    test_insolvency,
    test_interest_on_parts_paid_late,
    test_invoice_legal_mentions,
    test_late_interest,
    test_late_payment,
    test_penalty_invoice,
    test_penalty_migration,
    test_public_buyer,
    test_sector_payment_caps,
)
from .statement import (
    test_statement_documents,
    test_statement_ledger,
    test_statement_portal,
    test_statement_sending,
)
