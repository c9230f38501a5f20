from . import (
    account_move,
    account_partial_reconcile,
    account_payment_term,
    account_payment_term_line,
    credit_exposure,
    credit_kpi,
    credit_risk_segment,
    res_company,
    res_config_settings,
    res_partner,
    sale_order,
)
