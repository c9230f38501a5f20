from . import (
    credit_claim_return_of_goods,
    credit_declaration_of_claims,
    credit_late_payment,
)
