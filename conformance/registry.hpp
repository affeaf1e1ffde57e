// The registry of every conformance case, in spec order, and the listings built from it: the
// plain list and the traceability table (requirement -> cases, naming those untested).
#pragma once

#include <iosfwd>
#include <vector>

#include "conformance/case.hpp"

namespace ptplab::conformance {

// Every case, grouped by section in the order of the spec.
[[nodiscard]] const std::vector<Case>& all_cases();

// One line per case: id, level, requirement key, what it checks.
void write_case_list(std::ostream& out, const std::vector<Case>& cases);

// Markdown: a table of every requirement with the cases that check it ("untested: why" if none),
// then the table of cases.
void write_traceability_markdown(std::ostream& out, const std::vector<Case>& cases);

}  // namespace ptplab::conformance
