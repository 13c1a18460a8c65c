from . import chatbot_script
from . import chatbot_script_step
from . import bridge_conversation
from . import bridge_request
