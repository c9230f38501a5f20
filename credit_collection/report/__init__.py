from . import (
    credit_ageing_line,
    credit_ageing_xlsx,
    credit_declaration_of_claims,
    credit_dunning_letter,
    credit_forecast_line,
    credit_forecast_xlsx,
    credit_kpi,
    credit_late_payment,
    credit_overview,
    credit_reserved_goods,
)
