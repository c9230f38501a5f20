from . import test_dashboard, test_translation
