from django.urls import path

from rooms.billing import views

app_name = "billing"

urlpatterns = [
    path("invoices/", views.invoice_list, name="invoices"),
    path("invoices/to-issue/", views.bookings_to_invoice, name="to_issue"),
    path("invoices/<int:pk>/", views.invoice_detail, name="invoice"),
    path("invoices/<int:pk>/pdf/", views.invoice_pdf_download, name="invoice_pdf"),
    path("invoices/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("invoices/<int:pk>/payments/", views.add_payment, name="payment"),
    path("bookings/<int:pk>/invoice/", views.issue, name="issue"),
    path("my-invoices/", views.my_invoices, name="my_invoices"),
]
