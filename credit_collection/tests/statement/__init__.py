from . import (
    test_statement_documents,
    test_statement_ledger,
    test_statement_portal,
    test_statement_sending,
)
