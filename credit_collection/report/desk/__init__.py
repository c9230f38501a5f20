from . import (
    credit_kpi,
    credit_kpi_figures,
    credit_kpi_queries,
)
