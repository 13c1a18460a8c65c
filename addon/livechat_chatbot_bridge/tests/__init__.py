from . import test_bridge_routes
from . import test_phone_check
from . import test_operator_forward
from . import test_test_button
from . import test_script_edits
