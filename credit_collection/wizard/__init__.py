from . import credit_ageing_export
