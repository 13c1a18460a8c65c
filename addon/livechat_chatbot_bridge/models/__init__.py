from . import chatbot_script_step
from . import discuss_channel
from . import bridge_conversation
from . import bridge_request
