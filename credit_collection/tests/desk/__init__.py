from . import (
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
