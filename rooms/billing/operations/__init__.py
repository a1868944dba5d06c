"""The conference centre's business after the invoice: bank statements and payments,
deposits, reminders, collective invoices and the export for the tax adviser."""
