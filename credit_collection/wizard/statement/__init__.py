from . import credit_statement_wizard
