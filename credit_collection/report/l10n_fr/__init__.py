from . import (
    credit_declaration_of_claims,
    credit_late_payment,
)
