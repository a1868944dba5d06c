from django.urls import path

from rooms.billing import views
from rooms.billing.einvoice import views as einvoice_views

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
]
