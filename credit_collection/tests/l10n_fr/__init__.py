from . import (
    test_default_due_date,
    test_einvoice,
    test_insolvency,
    test_invoice_legal_mentions,
    test_late_interest,
    test_late_payment,
    test_penalty_invoice,
    test_penalty_migration,
    test_public_buyer,
    test_sector_payment_caps,
)
