from . import (
    credit_score_weights,
)
