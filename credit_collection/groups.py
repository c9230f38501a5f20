"""XML ids of the module's groups, for the Python code that checks them."""

CREDIT_MANAGER_GROUP = "credit_collection.group_credit_manager"
CREDIT_CONTROLLER_GROUP = "credit_collection.group_credit_controller"
