# The CRM side of Chatbot Bridge: installs by itself when both the bridge and crm_livechat are
# installed. Lead creation needs no code of its own (the bridge runs Odoo's Create Lead step and
# puts the checked phone in E.164 on the lead); this module carries its tests under Odoo.
{
    'name': 'Chatbot Bridge for Live Chat: CRM',
    'version': '1.0.0',
    'category': 'Website/Live Chat',
    'summary': 'Leads created by Chatbot Bridge conversations (tests of the Create Lead path)',
    'author': 'Chatbot Bridge contributors',
    'website': 'https://github.com/chatbot-bridge/chatbot-bridge',
    'license': 'LGPL-3',
    'depends': ['livechat_chatbot_bridge', 'crm_livechat'],
    'data': [],
    'installable': True,
    'auto_install': True,
    'application': False,
}
