from . import (
    test_access,
    test_ageing,
    test_ageing_xlsx,
    test_credit_exposure,
    test_demo_data,
    test_translation,
    test_ui,
)
