"""18.0.1.4.0: reminders go to the customer's reminder contact, with copies.

* The shipped reminder template (``noupdate``) addresses ``recipient_id`` and
  copies ``email_cc``, unless the user changed its recipients.
* E-mails sent by older versions went to the customer: their communications get
  it as ``recipient_id``.

Running it twice changes nothing.
"""

OLD_PARTNER_TO = "{{ object.partner_id.id }}"
NEW_PARTNER_TO = "{{ (object.recipient_id or object.partner_id).id }}"
NEW_EMAIL_CC = "{{ object.email_cc or '' }}"


def migrate(cr, version):
    cr.execute(
        """
        UPDATE mail_template template
           SET partner_to = %s, email_cc = COALESCE(NULLIF(template.email_cc, ''), %s)
          FROM ir_model_data data
         WHERE data.module = 'credit_collection' AND data.name = 'mail_template_dunning_reminder'
           AND data.model = 'mail.template' AND template.id = data.res_id
           AND template.partner_to = %s
        """,
        [NEW_PARTNER_TO, NEW_EMAIL_CC, OLD_PARTNER_TO],
    )
    cr.execute(
        """
        UPDATE credit_dunning_communication communication
           SET recipient_id = communication.partner_id
          FROM credit_dunning_level level
         WHERE level.id = communication.level_id AND level.channel = 'email'
           AND communication.state = 'sent' AND communication.recipient_id IS NULL
        """
    )
