from . import (
    account_move,
    credit_concentration,
    credit_insurance_limit,
    credit_insurance_policy,
    credit_payment_median,
    credit_payment_score,
    credit_score_engine,
    credit_segment_review,
    res_company,
    res_config_settings,
    res_partner,
    sale_order,
)
