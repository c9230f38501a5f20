from . import (
    credit_ageing_export,
    credit_score_weights,
    res_partner_credit_hold,
    sale_order_credit_approval,
)
