from . import (
    credit_ageing_line,
    credit_customer_exposure,
    credit_forecast_line,
    credit_forecast_xlsx,
    credit_overview,
)
