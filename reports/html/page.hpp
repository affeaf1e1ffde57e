// One self-contained HTML document: inline CSS, inline SVG charts, a table of contents; no
// script, no external URL of any kind, so it renders offline in any browser.
#pragma once

#include <string>
#include <vector>

namespace ptplab::reports::html {

// A titled part of the page; `body` is HTML made by the chart and table renderers.
struct Section {
  std::string id;  // anchor for the table of contents (reduced to [a-z0-9-])
  std::string title;
  std::string body;
};

// The whole document.
struct Page {
  std::string title;
  std::string subtitle;  // one line under the title, e.g. the database path
  std::vector<Section> sections;
};

// The complete document, starting with <!DOCTYPE html>.
[[nodiscard]] std::string render(const Page& page);

}  // namespace ptplab::reports::html
