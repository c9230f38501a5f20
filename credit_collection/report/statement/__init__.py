from . import credit_statement_report, credit_statement_xlsx
