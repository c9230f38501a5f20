from . import (
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
