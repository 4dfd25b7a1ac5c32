"""File names made from company names."""

from __future__ import annotations

from enabler.domain.file_names import MAX_STEM, safe_stem, unique_stems


class DescribeSafeStem:
    def it_keeps_letters_and_joins_words_with_dashes(self):
        assert safe_stem("Northwind Health") == "Northwind-Health"
        assert safe_stem("Café Noir") == "Café-Noir"
        assert safe_stem("Acme, Inc.") == "Acme-Inc"

    def it_drops_path_separators_and_hidden_or_reserved_names(self):
        assert safe_stem("../../etc/passwd") == "etc-passwd"
        assert safe_stem("A/B\\C:D*E?") == "A-B-C-D-E"
        assert safe_stem(".hidden") == "hidden"
        assert safe_stem("CON") == "deck-CON"
        assert safe_stem("nul.txt") == "deck-nul.txt"
        assert safe_stem("  \t\n ") == "deck"
        assert safe_stem("x" * 300) == "x" * MAX_STEM


class DescribeUniqueStems:
    def it_numbers_names_that_collide_ignoring_case(self):
        got = unique_stems(["Northwind Health", "NORTHWIND HEALTH", "Northwind-Health-2", "??"])
        assert got == ["Northwind-Health", "NORTHWIND-HEALTH-2", "Northwind-Health-2-2", "deck"]
        assert len({s.casefold() for s in got}) == len(got)
