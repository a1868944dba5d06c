from django.urls import path

from rooms.billing import views
from rooms.billing.einvoice import views as einvoice_views
from rooms.billing.operations import views as business
from rooms.billing.operations import views_accounting as accounts

app_name = "billing"

urlpatterns = [
    path("invoices/", views.invoice_list, name="invoices"),
    path("invoices/to-issue/", views.bookings_to_invoice, name="to_issue"),
    path("invoices/<int:pk>/", views.invoice_detail, name="invoice"),
    path("invoices/<int:pk>/pdf/", einvoice_views.invoice_pdf_download, name="invoice_pdf"),
    path("invoices/<int:pk>/xml/", einvoice_views.invoice_xml_download, name="invoice_xml"),
    path("e-invoice-recipients/", einvoice_views.profile_list, name="profiles"),
    path("e-invoice-recipients/<int:pk>/", einvoice_views.profile_edit, name="profile_edit"),
    path("invoices/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("invoices/<int:pk>/payments/", views.add_payment, name="payment"),
    path("bookings/<int:pk>/invoice/", views.issue, name="issue"),
    path("my-invoices/", views.my_invoices, name="my_invoices"),
    path("invoices/statements/", business.statements, name="statements"),
    path("invoices/statements/to-match/", business.entries, name="entries"),
    path("invoices/statements/entries/<int:pk>/match/", business.match_entry, name="match_entry"),
    path("invoices/statements/entries/<int:pk>/set-aside/", business.set_aside, name="set_aside"),
    path("invoices/open-items/", business.open_items, name="open_items"),
    path("invoices/reminders/send/", business.send_reminders, name="send_reminders"),
    path("invoices/deposits/", business.deposit_list, name="deposits"),
    path("bookings/<int:pk>/deposit/", business.hold_deposit, name="hold_deposit"),
    path("invoices/deposits/<int:pk>/settle/", business.settle_deposit, name="settle_deposit"),
    path("invoices/accounting/", accounts.accounting_page, name="accounting"),
    path("invoices/accounting/settings/", accounts.accounting_settings, name="accounting_settings"),
    path(
        "invoices/accounting/fee-rules/<int:pk>/", accounts.revenue_account, name="revenue_account"
    ),
    path("invoices/accounting/export/", accounts.export, name="export"),
    path("invoices/collective/", accounts.collective_page, name="collective"),
    path("invoices/collective/issue/", accounts.issue_collective, name="issue_collective"),
    path(
        "invoices/collective/organisations/<int:pk>/",
        accounts.organisation_preference,
        name="organisation_billing",
    ),
]
