from . import test_access, test_ageing, test_ageing_xlsx, test_demo_data, test_translation, test_ui
