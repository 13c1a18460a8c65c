from odoo import api, fields, models, _
from odoo.exceptions import ValidationError

from .phone import parse_phone, phone_check_available


class ChatbotScriptStep(models.Model):
    _inherit = 'chatbot.script.step'

    phone_check = fields.Boolean(
        'Check Phone Number', default=False,
        help="Refuse answers that are not valid phone numbers: the bot asks again.")
    phone_default_country = fields.Char(
        'Default Phone Country', size=2,
        help="ISO 3166 country code (e.g. BE) used for numbers given without an international "
             "prefix. Empty: the visitor's country if known, else the international format is required.")
    # False when the Python library phonenumbers is missing: the step form then hides the
    # check, and a step that has it on takes any answer, as Odoo does
    phone_check_available = fields.Boolean(
        'Phone Check Available', compute='_compute_phone_check_available')

    def _compute_phone_check_available(self):
        self.phone_check_available = phone_check_available()

    @api.constrains('phone_default_country')
    def _check_phone_default_country(self):
        for step in self:
            code = step.phone_default_country
            if code and not (len(code) == 2 and code.isalpha()):
                raise ValidationError(_("The default phone country must be a two-letter country code."))

    def _chatbot_bridge_phone_country(self, discuss_channel):
        """The country used to read numbers given without an international prefix."""
        self.ensure_one()
        return self.phone_default_country or discuss_channel.sudo().country_id.code or None

    def _chatbot_prepare_customer_values(self, discuss_channel, create_partner=True, update_partner=True):
        # Leads and tickets get the phone in E.164 when the phone step checked it.
        values = super()._chatbot_prepare_customer_values(
            discuss_channel, create_partner=create_partner, update_partner=update_partner)
        phone = values.get('phone')
        if phone:
            phone_steps = discuss_channel.sudo().chatbot_message_ids.filtered(
                lambda m: m.script_step_id.step_type == 'question_phone' and m.user_raw_answer
            ).script_step_id
            checked = phone_steps.filtered('phone_check')[:1]
            if checked:
                e164 = parse_phone(phone, checked._chatbot_bridge_phone_country(discuss_channel))
                if e164 and e164 != phone:
                    values['phone'] = e164
                    if values.get('description'):
                        values['description'] = values['description'].replace(phone, e164)
                    partner = values.get('partner')
                    if partner and partner.phone == phone:
                        partner.phone = e164
        return values
