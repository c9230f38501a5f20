from . import test_access
from . import test_demo_data
from . import test_translation
from . import test_ui
