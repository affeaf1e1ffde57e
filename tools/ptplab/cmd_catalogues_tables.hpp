// The catalogues `ptplab params`, `metrics`, `behaviours`, `actions`, `reasons` and `verdicts` print, and the
// generated sections of scenarios/README.md and reports/SCHEMA.md that `ptplab catalogues --write`
// fills from them: each built from
// the project's own table (NodeParams definition table, metric table, behaviour, timeline action,
// engine reason, network drop reason and conformance status tables), never from a copy.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ptplab::cli {

// One catalogue: a title, a paragraph saying where its rows come from and how to read them, and
// a table (header and rows of cells, plain text).
struct Catalogue {
  std::string_view command;   // the ptplab command that prints it
  std::string_view document;  // the repository file with its generated section, e.g. "scenarios/README.md"
  std::string title;
  std::string intro;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// Every catalogue, in the order the documents list them.
[[nodiscard]] std::vector<Catalogue> all_catalogues();

// The catalogue printed by `ptplab <command>`; the command must name one of all_catalogues().
[[nodiscard]] Catalogue catalogue(std::string_view command);

// For the terminal: the title, the intro, the table aligned.
[[nodiscard]] std::string render_text(const Catalogue& c);

// The generated section: a "####" heading (the title), the intro and a Markdown table ('|' and
// '*' in cells escaped). `ptplab catalogues` puts it between the section's markers.
[[nodiscard]] std::string render_markdown(const Catalogue& c);

}  // namespace ptplab::cli
