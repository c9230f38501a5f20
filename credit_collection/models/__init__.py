from . import credit_kpi
