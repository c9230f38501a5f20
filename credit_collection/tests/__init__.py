from . import test_access, test_demo_data, test_translation, test_ui
