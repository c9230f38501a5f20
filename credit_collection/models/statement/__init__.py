from . import (
    credit_risk_segment,
    credit_statement,
    credit_statement_ledger,
    credit_statement_sending,
    mail_mail,
    res_company,
    res_config_settings,
    res_partner,
)
