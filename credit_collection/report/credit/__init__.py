from . import (
    credit_ageing_line,
    credit_ageing_xlsx,
    credit_reserved_goods,
)
