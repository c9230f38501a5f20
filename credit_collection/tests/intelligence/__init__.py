from . import (
    test_concentration,
    test_forecast,
    test_insurance,
    test_overview,
    test_payment_score,
    test_segment_migration,
    test_segment_review,
)
