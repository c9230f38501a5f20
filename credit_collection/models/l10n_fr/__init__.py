from . import (
    account_move,
    account_move_line,
    account_payment_term,
    account_payment_term_line,
    credit_insolvency,
    credit_interest_rate,
    credit_invoice_mentions,
    credit_late_interest,
    credit_penalty_invoice,
    res_company,
    res_config_settings,
    res_partner,
)
