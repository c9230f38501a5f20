from . import (
    test_dunning_concurrency,
    test_dunning_formatting,
    test_dunning_letter,
    test_dunning_letter_pdf,
    test_dunning_migration,
    test_dunning_planner,
    test_dunning_policy,
    test_dunning_preview,
    test_dunning_run,
    test_reminder_bounce,
    test_reminder_contact,
    test_sending_hours,
)
