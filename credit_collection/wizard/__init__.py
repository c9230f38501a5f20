from . import credit_ageing_export
from . import res_partner_credit_hold
from . import sale_order_credit_approval
