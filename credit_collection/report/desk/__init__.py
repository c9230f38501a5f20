from . import (
    credit_kpi,
    credit_kpi_figures,
)
