from . import test_bridge_routes
from . import test_phone_check
from . import test_operator_forward
