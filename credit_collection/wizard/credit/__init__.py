from . import (
    credit_ageing_export,
    res_partner_credit_hold,
    sale_order_credit_approval,
)
