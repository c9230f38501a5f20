from . import test_delivery_hold, test_translation
