from house.spreadsheet import csv_response, safe_cell


def test_formula_cells_are_defused_and_numbers_kept():
    assert safe_cell('=HYPERLINK("https://evil.example")') == '\'=HYPERLINK("https://evil.example")'
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("Verein für Nachbarschaft") == "Verein für Nachbarschaft"
    assert safe_cell(-12) == -12


def test_csv_response_is_excel_ready():
    response = csv_response("bericht.csv", [["Name", "Stunden"], ["=1+1", 3]])
    assert response["Content-Disposition"] == 'attachment; filename="bericht.csv"'
    assert response.content.decode("utf-8") == "\ufeffName;Stunden\r\n'=1+1;3\r\n"
