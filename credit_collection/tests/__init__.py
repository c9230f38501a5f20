from . import (
    test_access,
    test_ageing,
    test_ageing_xlsx,
    test_credit_exposure,
    test_credit_hold,
    test_demo_data,
    test_dunning_policy,
    test_kpi,
    test_late_interest,
    test_sale_credit_check,
    test_translation,
    test_ui,
)
