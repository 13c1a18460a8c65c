# One source tree for Odoo 17.0 and 18.0: the version below carries no series prefix, so
# Odoo reports it as "17.0.1.0.0" or "18.0.1.0.0" depending on the server it is installed on.
{
    'name': 'Chatbot Bridge for Live Chat',
    'version': '1.0.0',
    'category': 'Website/Live Chat',
    'summary': 'Bridge protocol v1 for scripted chatbots, a chatbot builder and phone validation',
    'description': """
Serves bridge protocol v1 (the visitor side of scripted chatbots) on Odoo's own chatbot
models, adds phone validation to Phone steps and a chatbot builder under
Live Chat > Configuration.
""",
    'author': 'Chatbot Bridge contributors',
    'website': 'https://github.com/chatbot-bridge/chatbot-bridge',
    'license': 'LGPL-3',
    'depends': ['im_livechat'],
    'data': [
        'security/ir.model.access.csv',
        'data/test_operator_data.xml',
        'views/chatbot_script_views.xml',
        'views/chatbot_script_step_views.xml',
        'views/chatbot_bridge_menus.xml',
    ],
    'assets': {
        'web.assets_backend': [
            'livechat_chatbot_bridge/static/admin/admin.js',
            'livechat_chatbot_bridge/static/admin/admin.css',
        ],
    },
    'installable': True,
    'application': False,
}
