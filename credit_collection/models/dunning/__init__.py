from . import (
    account_move,
    credit_dunning_communication,
    credit_dunning_communication_line,
    credit_dunning_dispatcher,
    credit_dunning_level,
    credit_dunning_planner,
    credit_dunning_policy,
    credit_dunning_run,
    credit_dunning_sender,
    credit_dunning_sender_email,
    credit_risk_segment,
    res_partner,
)
